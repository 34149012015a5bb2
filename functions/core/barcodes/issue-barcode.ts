import { NotFound } from '../errors';
import { BARCODE_TTL_SECONDS, mintBarcode } from './barcode';
import type { BarcodeStore, DocumentRef } from './barcode-store';

// handler --> (issueBarcode) --> BarcodeStore

export const MAX_BARCODE_MINT_ATTEMPTS = 5;

/** Every attempt drew a code that is live elsewhere: with 10^12 codes, a sign of a broken generator. */
export class BarcodeSpaceExhausted extends Error {
  constructor(attempts: number) {
    super(`No free barcode after ${attempts} attempts`);
    this.name = 'BarcodeSpaceExhausted';
  }
}

export interface IssuedBarcode {
  barcode: string;
  expiresAt: string;
}

export interface IssueBarcodeOptions {
  mint?: () => string;
  maxAttempts?: number;
}

/**
 * 1. Mint a random code and make it the document's current code: from then on only it opens the
 *    document. The same write proves the citizen holds the document (404 otherwise).
 * 2. Store the code's record only if no live record has that code, retrying with a new code on a
 *    clash; meanwhile delete the record of the code it replaced, so that no stale record is left.
 * Two round trips in all. Of two concurrent issues for one document, only the later current code
 * opens it; the earlier one's record may then outlive it, dead, until its TTL (at most 180 s live).
 */
export async function issueBarcode(
  store: BarcodeStore,
  request: DocumentRef & { now: Date },
  options: IssueBarcodeOptions = {},
): Promise<IssuedBarcode> {
  const { citizenId, docId, now } = request;
  const document = { citizenId, docId };
  const mint = options.mint ?? (() => mintBarcode());
  const maxAttempts = options.maxAttempts ?? MAX_BARCODE_MINT_ATTEMPTS;
  const expiresAt = new Date(now.getTime() + BARCODE_TTL_SECONDS * 1000).toISOString();
  // The clean-up runs beside the put; a failure of it is reported once the put is done.
  let cleanUp: Promise<unknown> | undefined;
  try {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const code = mint();
      const current = await store.makeCurrent(document, code);
      if (!current) throw new NotFound('document');
      // Only the first attempt replaces a stored code: later ones replace our own unstored draws.
      if (attempt === 1 && current.replaced !== undefined && current.replaced !== code) {
        cleanUp = store.deleteCodeOf(document, current.replaced).then(
          () => undefined,
          (error: unknown) => error ?? new Error('Deleting the replaced barcode failed'),
        );
      }
      const issuedAt = now.toISOString();
      const record = { code, ...document, documentType: current.documentType, issuedAt, expiresAt };
      if (await store.putIfNoLiveCode(record, now)) return { barcode: code, expiresAt };
    }
    throw new BarcodeSpaceExhausted(maxAttempts);
  } finally {
    const failed = await cleanUp;
    // biome-ignore lint/correctness/noUnsafeFinally: the replaced code's record must not survive silently
    if (failed) throw failed;
  }
}
