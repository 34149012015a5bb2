import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { citizenRequestView, effectiveStatus } from '../core/requests/share-request';
import { http } from '../http/handler';
import { listMyRequests } from './routes';

export const handler = http(listMyRequests, async ({ citizen, query }) => {
  const page = await dynamoRequestStore.listForCitizen(citizen.citizenId, query, query.status);
  const now = new Date();
  // A request whose time ran out is expired even before the flow records it.
  const items = page.items.filter(
    (request) => !query.status || effectiveStatus(request, now) === query.status,
  );
  return { items: items.map((request) => citizenRequestView(request, now)), nextCursor: page.nextCursor };
});
