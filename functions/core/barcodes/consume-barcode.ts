import { classifyBarcode } from './barcode';
import type { BarcodeRecord, BarcodeStore, DocumentRef } from './barcode-store';

// handler --> (consumeBarcode) --> BarcodeStore, and the document the code opens

/**
 * 'malformed' maps to 422 barcode_invalid; 'not-found' (unknown, already used, replaced or expired)
 * and 'refused' (a live code of a document type the caller may not see; the code stays usable) both
 * to the same 404 not_found, counted towards the partner's brute-force limit — never said which.
 */
export type ConsumedBarcode<D> =
  | { outcome: 'ok'; record: BarcodeRecord; document: D }
  | { outcome: 'malformed' }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; documentType: string };

/** Reads the document `ref` if `code` is still its current code; undefined otherwise. */
export type OpenDocument<D> = (ref: DocumentRef, code: string) => Promise<D | undefined>;

/**
 * 1. Refuse a malformed code without touching the store.
 * 2. Take (delete and read) the record, unless its document type is not allowed: whoever takes it
 *    first is the only one to use it.
 * 3. Treat a record past its expiry as absent (TTL deletion lags), counting to the second, and a
 *    code the document no longer names as current (a newer code replaced it) as absent too.
 */
export async function consumeBarcode<D>(
  store: BarcodeStore,
  open: OpenDocument<D>,
  code: unknown,
  now: Date,
  allowedTypes?: readonly string[],
): Promise<ConsumedBarcode<D>> {
  if (classifyBarcode(code) === 'malformed') return { outcome: 'malformed' };
  const taken = await store.take(code as string, allowedTypes);
  if (taken.outcome === 'absent' || Date.parse(taken.record.expiresAt) <= now.getTime()) {
    return { outcome: 'not-found' };
  }
  if (taken.outcome === 'refused') return { outcome: 'refused', documentType: taken.record.documentType };
  const document = await open(taken.record, taken.record.code);
  if (!document) return { outcome: 'not-found' };
  return { outcome: 'ok', record: taken.record, document };
}
