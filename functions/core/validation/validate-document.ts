import { createHash, randomUUID } from 'node:crypto';
import { birthDateMatches, fullNameMatches, isAgeOver } from '../checks';
import { descriptorOf, documentStatus } from '../documents';
import type { DocumentType } from '../documents/document-type';
import type { WalletDocument } from '../wallet/wallet';

// F5: checks on a document without handing over its data. The answer and the attestation hold
// only booleans and our own ids; a check the document cannot answer (no birth date on a vehicle
// registration) is false.

export interface ValidationChecks {
  ageOver?: number;
  fullName?: string;
  birthDate?: string;
}

export interface ValidationResult {
  valid: boolean;
  documentType: DocumentType;
  checks: { ageOver?: boolean; fullName?: boolean; birthDate?: boolean };
}

export function validateDocument(
  document: WalletDocument,
  checks: ValidationChecks,
  now: Date,
): ValidationResult {
  const descriptor = descriptorOf(document.type);
  const data = document.data as never;
  const birthDate = descriptor.birthDate(data);
  const holder = descriptor.holderName(data);
  const results: ValidationResult['checks'] = {};
  if (checks.ageOver !== undefined)
    results.ageOver = birthDate ? isAgeOver(birthDate, checks.ageOver, now) : false;
  if (checks.fullName !== undefined)
    results.fullName = holder ? fullNameMatches(holder, checks.fullName) : false;
  if (checks.birthDate !== undefined)
    results.birthDate = birthDate ? birthDateMatches(birthDate, checks.birthDate) : false;
  return {
    valid: documentStatus(document.type, document.data, now) === 'valid',
    documentType: document.type,
    checks: results,
  };
}

/** Minutes an attestation is good for: it answers a question asked now, not a standing fact. */
export const ATTESTATION_MINUTES = 5;

/** A predicate as signed: what was asked (a parameter, or the digest of a given value) and the answer. */
export type AttestedChecks = {
  ageOver?: { min: number; result: boolean };
  fullName?: { sha256: string; result: boolean };
  birthDate?: { sha256: string; result: boolean };
};

/**
 * The attestation's claims (api.md): who asked (`aud` = the partner), when (`iat`, a short `exp`),
 * a unique `jti`, the document type and each predicate with its parameter. A name or date the partner
 * gave is signed only as the SHA-256 of its UTF-8 (NFC) text, so the partner can show which value
 * was checked and the attestation carries no personal data. `sub` binds it to the document without
 * revealing it: a pseudonym that is the same for one partner and document and differs between
 * partners (a keyed MAC the partner cannot invert).
 */
export interface AttestationClaims {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  partnerId: string;
  branchId: string;
  documentType: DocumentType;
  valid: boolean;
  checks: AttestedChecks;
}

export const digestOfGivenValue = (value: string) =>
  createHash('sha256').update(value.normalize('NFC'), 'utf8').digest('hex');

export function attestationClaims(
  result: ValidationResult,
  asked: ValidationChecks,
  who: { partnerId: string; branchId: string; documentPseudonym: string },
  issuer: string,
  now: Date,
): AttestationClaims {
  const checks: AttestedChecks = {};
  if (result.checks.ageOver !== undefined && asked.ageOver !== undefined)
    checks.ageOver = { min: asked.ageOver, result: result.checks.ageOver };
  if (result.checks.fullName !== undefined && asked.fullName !== undefined)
    checks.fullName = { sha256: digestOfGivenValue(asked.fullName), result: result.checks.fullName };
  if (result.checks.birthDate !== undefined && asked.birthDate !== undefined)
    checks.birthDate = { sha256: digestOfGivenValue(asked.birthDate), result: result.checks.birthDate };
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: issuer,
    aud: who.partnerId,
    sub: who.documentPseudonym,
    iat,
    exp: iat + ATTESTATION_MINUTES * 60,
    jti: randomUUID(),
    partnerId: who.partnerId,
    branchId: who.branchId,
    documentType: result.documentType,
    valid: result.valid,
    checks,
  };
}
