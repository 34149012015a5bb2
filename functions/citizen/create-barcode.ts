import { dynamoBarcodeStore } from '../adapters/dynamo/barcode-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { issueBarcode } from '../core/barcodes';
import { NotFound } from '../core/errors';
import { http } from '../http/handler';
import { createBarcode } from './routes';

export const handler = http(createBarcode, async ({ citizen, params }) => {
  // Only the citizen's own document: another citizen's docId is simply not found.
  if (!(await dynamoWalletStore.getDocumentSummary(citizen.citizenId, params.docId)))
    throw new NotFound('document');
  return issueBarcode(dynamoBarcodeStore, {
    citizenId: citizen.citizenId,
    docId: params.docId,
    now: new Date(),
  });
});
