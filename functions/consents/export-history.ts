import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { allPages } from '../core/pagination';
import { citizenRequestView } from '../core/requests/share-request';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { exportHistory } from './routes';

export const handler = http(exportHistory, async ({ citizen }) => {
  const requests = await allPages((page) => dynamoRequestStore.listForCitizen(citizen.citizenId, page));
  const exportedAt = new Date();
  const file = `docshare-history-${exportedAt.toISOString().slice(0, 10)}.json`;
  return reply.json(
    200,
    {
      citizenId: citizen.citizenId,
      exportedAt: exportedAt.toISOString(),
      requests: requests.map((request) => citizenRequestView(request, exportedAt)),
    },
    { 'content-disposition': `attachment; filename="${file}"`, 'cache-control': 'no-store' },
  );
});
