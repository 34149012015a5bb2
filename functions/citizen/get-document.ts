import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { documentView, requireDocument } from '../core/wallet/documents';
import { http } from '../http/handler';
import { getDocument } from './routes';

export const handler = http(getDocument, async ({ citizen, params }) =>
  documentView(await requireDocument(dynamoWalletStore, citizen.citizenId, params.docId)),
);
