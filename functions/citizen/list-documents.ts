import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { documentSummaryView } from '../core/wallet/documents';
import { http } from '../http/handler';
import { listDocuments } from './routes';

export const handler = http(listDocuments, async ({ citizen, query }) => {
  const page = await dynamoWalletStore.listDocuments(citizen.citizenId, query);
  return { items: page.items.map((document) => documentSummaryView(document)), nextCursor: page.nextCursor };
});
