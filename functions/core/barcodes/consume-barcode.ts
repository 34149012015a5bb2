import { classifyBarcode } from './barcode';
import type { BarcodeStore, DocumentRef } from './barcode-store';

// handler --> (consumeBarcode) --> BarcodeStore

/**
 * 'malformed' maps to 422 barcode_invalid; 'not-found' (unknown, already used or expired — never said
 * which) to 404 not_found and counts towards the partner's brute-force limit.
 */
export type ConsumedBarcode =
  | ({ outcome: 'ok'; issuedAt: string; expiresAt: string } & DocumentRef)
  | { outcome: 'malformed' }
  | { outcome: 'not-found' };

/**
 * 1. Refuse a malformed code without touching the store.
 * 2. Take (delete and read) the record: whoever takes it first is the only one to use it.
 * 3. Treat a record past its expiry as absent (TTL deletion lags), counting to the second.
 */
export async function consumeBarcode(
  store: BarcodeStore,
  code: unknown,
  now: Date,
): Promise<ConsumedBarcode> {
  if (classifyBarcode(code) === 'malformed') return { outcome: 'malformed' };
  const record = await store.take(code as string);
  if (!record || Date.parse(record.expiresAt) <= now.getTime()) return { outcome: 'not-found' };
  return {
    outcome: 'ok',
    citizenId: record.citizenId,
    docId: record.docId,
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
  };
}
