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
 * 1. Mint a random code and store it only if no live record has it, retrying on a clash.
 * 2. Make it the document's current code, and delete the code it replaces: one live code per document.
 * Two concurrent issues for one document leave only the later swap's code live.
 */
export async function issueBarcode(
  store: BarcodeStore,
  request: DocumentRef & { now: Date },
  options: IssueBarcodeOptions = {},
): Promise<IssuedBarcode> {
  const { citizenId, docId, now } = request;
  const mint = options.mint ?? (() => mintBarcode());
  const maxAttempts = options.maxAttempts ?? MAX_BARCODE_MINT_ATTEMPTS;
  const expiresAt = new Date(now.getTime() + BARCODE_TTL_SECONDS * 1000).toISOString();
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const code = mint();
    const record = { code, citizenId, docId, issuedAt: now.toISOString(), expiresAt };
    if (!(await store.putIfNoLiveCode(record, now))) continue;
    const previous = await store.swapDocumentCode({ citizenId, docId }, code);
    if (previous !== undefined && previous !== code) await store.deleteCodeOf({ citizenId, docId }, previous);
    return { barcode: code, expiresAt };
  }
  throw new BarcodeSpaceExhausted(maxAttempts);
}
