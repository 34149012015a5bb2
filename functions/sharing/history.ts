import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { citizenRequestView } from '../core/requests/share-request';
import { http } from '../http/handler';
import { history } from './routes';

export const handler = http(history, async ({ citizen, query }) => {
  const page = await dynamoRequestStore.listForCitizen(citizen.citizenId, query, query.status);
  return { items: page.items.map((request) => citizenRequestView(request)), nextCursor: page.nextCursor };
});
