import { transliterate } from '../checks/transliteration';
import type { DocumentType } from '../documents/document-type';
import { descriptorOf } from '../documents/registry';

// What a verifier compares with the paper and the person in front of them, as EU DCC does: the
// holder's name in Latin letters, the birth date and the last digits of the document's number. Without
// them a genuine QR pasted onto a forged printout would verify. An extract's QR carries only those
// the extract itself shows.

export interface HolderClaims {
  /** «Surname Given-name» in Latin letters (the document's own spelling, else transliterated). */
  holderName?: string;
  /** YYYY-MM-DD. */
  birthDate?: string;
  /** The last 4 characters of the document's number. */
  numberEnd?: string;
}

const NAME_KEYS = ['surname', 'givenName', 'surnameLatin', 'givenNameLatin'];

export function holderClaimsOf(
  type: DocumentType,
  data: Record<string, unknown>,
  fields?: readonly string[],
): HolderClaims {
  const descriptor = descriptorOf(type);
  const shows = (...keys: string[]) => !fields || keys.some((key) => fields.includes(key));
  const claims: HolderClaims = {};
  const name = descriptor.holderName(data as never);
  if (name && shows(...NAME_KEYS)) {
    claims.holderName = name.latin
      ? `${name.latin.surname} ${name.latin.givenName}`
      : transliterate(`${name.surname} ${name.givenName}`);
  }
  const birthDate = descriptor.birthDate(data as never);
  if (birthDate && shows('birthDate')) claims.birthDate = birthDate;
  const number = data[descriptor.numberKey];
  if (typeof number === 'string' && number.length > 0 && shows(descriptor.numberKey)) {
    claims.numberEnd = number.slice(-4);
  }
  return claims;
}
