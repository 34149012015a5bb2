import { type BarcodeStore, classifyBarcode, consumeBarcode } from '../barcodes';
import { BarcodeInvalid, NotFound } from '../errors';
import { requireBranch } from '../partners/branches';
import type { BranchStore, Partner } from '../partners/partner';
import { readGuessing, reserveGuess } from '../ratelimit/barcode-guessing';
import type { RateLimitCounterStore } from '../ratelimit/sliding-window';
import type { WalletStore } from '../wallet/wallet';
import {
  type AttestationClaims,
  attestationClaims,
  type ValidationChecks,
  validateDocument,
} from './validate-document';

// handler --> (validateByBarcode) --> barcodes, branches, wallet, rate limits, attestation signer

export interface ValidationPorts {
  barcodes: BarcodeStore;
  branches: BranchStore;
  wallet: WalletStore;
  rateLimits: RateLimitCounterStore;
  signAttestation(claims: AttestationClaims): Promise<string>;
  /** The document's pseudonym for this partner (a keyed MAC of both ids). */
  documentPseudonym(partnerId: string, docId: string): Promise<string>;
  issuer: string;
}

/**
 * 1. Refuse a partner that guessed too many codes lately (429), and a malformed code (422).
 * 2. Check the branch is the partner's (404); count the guess before looking the code up (429 when
 *    parallel guesses took the last slots).
 * 3. Use the code up (single use) if the partner may see its document type, run the checks, sign the
 *    attestation, and give the counted guess back. A code that is unknown, expired, replaced or of a
 *    type the partner may not see answers the same 404 and stays counted (the answer must not tell a
 *    guesser that a code is live); a code of a hidden type stays usable for its citizen.
 */
export async function validateByBarcode(
  ports: ValidationPorts,
  partner: Partner,
  input: { branchId: string; barcode: string; checks: ValidationChecks },
  now = new Date(),
) {
  // The guessing limit and the branch are independent reads: both are sent at once (one round trip
  // of latency instead of two), but judged in the original order, so 429 still wins over 422 and 404.
  const guessing = readGuessing(ports.rateLimits, partner.partnerId, now.getTime());
  const branch = requireBranch(ports.branches, partner.partnerId, input.branchId);
  branch.catch(() => undefined); // judged below, or moot when an earlier check refuses
  const counts = await guessing;
  if (classifyBarcode(input.barcode) === 'malformed') {
    throw new BarcodeInvalid('A barcode is 13 digits with a valid EAN-13 check digit');
  }
  await branch;
  const guess = await reserveGuess(ports.rateLimits, partner.partnerId, counts, now.getTime());
  // The code is taken only if the partner may see its document type, and opens the document only
  // while it is the document's current code.
  const consumed = await consumeBarcode(
    ports.barcodes,
    (ref, code) => ports.wallet.getDocument(ref.citizenId, ref.docId, { barcode: code }),
    input.barcode,
    now,
    partner.documentTypes,
  );
  if (consumed.outcome !== 'ok') throw new NotFound('barcode');
  await guess.release();
  const { document } = consumed;
  const result = validateDocument(document, input.checks, now);
  const documentPseudonym = await ports.documentPseudonym(partner.partnerId, consumed.record.docId);
  const claims = attestationClaims(
    result,
    input.checks,
    { partnerId: partner.partnerId, branchId: input.branchId, documentPseudonym },
    ports.issuer,
    now,
  );
  return { ...result, attestation: await ports.signAttestation(claims) };
}
