import { randomUUID } from 'node:crypto';
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

export interface AttestationClaims extends ValidationResult {
  jti: string;
  partnerId: string;
  branchId: string;
  iat: number;
  iss: string;
}

export function attestationClaims(
  result: ValidationResult,
  who: { partnerId: string; branchId: string },
  issuer: string,
  now: Date,
): AttestationClaims {
  return { jti: randomUUID(), iss: issuer, ...who, ...result, iat: Math.floor(now.getTime() / 1000) };
}
