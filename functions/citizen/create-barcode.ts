import { dynamoBarcodeStore } from '../adapters/dynamo/barcode-store';
import { issueBarcode } from '../core/barcodes';
import { http } from '../http/handler';
import { createBarcode } from './routes';

// Only the citizen's own document: issueBarcode answers 404 for another citizen's docId.
export const handler = http(createBarcode, async ({ citizen, params }) =>
  issueBarcode(dynamoBarcodeStore, { citizenId: citizen.citizenId, docId: params.docId, now: new Date() }),
);
