import type { DocumentType } from './document-type';
import { descriptorOf } from './registry';

/** Keys of the fields that identify the holder (names, numbers, dates of birth, addresses…). */
export function personalFieldKeys(type: DocumentType): string[] {
  return descriptorOf(type)
    .fields.filter((f) => f.personal)
    .map((f) => f.key);
}

/**
 * Splits a document's data into the part to envelope-encrypt at rest and the part that may stay in
 * clear (dates of validity, issuing authority, categories…), enough to list documents without a
 * decryption. A key the type does not declare counts as personal: when unsure, encrypt.
 */
export function splitPersonal(
  type: DocumentType,
  data: Record<string, unknown>,
): { personal: Record<string, unknown>; nonPersonal: Record<string, unknown> } {
  const nonPersonalKeys = new Set(
    descriptorOf(type)
      .fields.filter((f) => !f.personal)
      .map((f) => f.key),
  );
  const personal: Record<string, unknown> = {};
  const nonPersonal: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (nonPersonalKeys.has(key)) nonPersonal[key] = value;
    else personal[key] = value;
  }
  return { personal, nonPersonal };
}
