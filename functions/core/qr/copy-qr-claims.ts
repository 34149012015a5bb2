import { Tag } from 'cbor-x';

// No Node APIs here: the /verify page's script decodes claims in the browser with this module.
import { DOCUMENT_TYPES, type DocumentType } from '../documents/document-type';
import { fieldKeysOf } from '../documents/field-selection';
import type { HolderClaims } from './holder-claims';

/** What the DS1 QR on a copy asserts. Dates travel as whole epoch seconds. */
export interface CopyQrClaims {
  copyId: string;
  documentType: string;
  partnerId: string;
  branchId: string;
  purpose: string;
  generatedAt: Date;
  expiresAt: Date;
  /** SHA-256 of the copy's metadata record, computed by the caller (32 bytes). */
  metadataSha256: Uint8Array;
  /** An extract's field keys; absent for a copy of the whole document. */
  fields?: string[];
  /** Holder details a verifier compares with the paper and the person (claims 10–12). */
  holder?: HolderClaims;
}

/** Integer CBOR map keys of the claims (see docs/copy-format.md). Never renumber; only append. */
export const CLAIM_KEY = {
  copyId: 1,
  documentType: 2,
  partnerId: 3,
  branchId: 4,
  purpose: 5,
  generatedAt: 6,
  expiresAt: 7,
  metadataSha256: 8,
  fields: 9,
  holderName: 10,
  birthDate: 11,
  numberEnd: 12,
} as const;

const HOLDER_CLAIMS = ['holderName', 'birthDate', 'numberEnd'] as const;
const HOLDER_CLAIM_MAX = { holderName: 200, birthDate: 10, numberEnd: 4 } as const;

const ID_CLAIMS = ['copyId', 'partnerId', 'branchId'] as const;
const TEXT_CLAIMS = ['documentType', 'purpose'] as const;
const TIME_CLAIMS = ['generatedAt', 'expiresAt'] as const;
// RFC 9562 / IANA CBOR tag 37: a UUID as 16 bytes instead of 36 characters keeps the QR small.
const UUID_TAG = 37;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class InvalidCopyQr extends Error {
  constructor(detail: string) {
    super(`Invalid copy QR: ${detail}`);
    this.name = 'InvalidCopyQr';
  }
}

export function claimsToCbor(claims: CopyQrClaims): Map<number, unknown> {
  if (claims.metadataSha256.length !== 32) throw new Error('metadataSha256 must be 32 bytes');
  const map = new Map<number, unknown>();
  for (const name of ID_CLAIMS) map.set(CLAIM_KEY[name], encodeId(claims[name]));
  for (const name of TEXT_CLAIMS) map.set(CLAIM_KEY[name], claims[name]);
  for (const name of TIME_CLAIMS) map.set(CLAIM_KEY[name], Math.floor(claims[name].getTime() / 1000));
  map.set(CLAIM_KEY.metadataSha256, claims.metadataSha256);
  if (claims.fields) map.set(CLAIM_KEY.fields, fieldMaskOf(claims.documentType, claims.fields));
  for (const name of HOLDER_CLAIMS) {
    const value = claims.holder?.[name];
    if (value !== undefined) map.set(CLAIM_KEY[name], value);
  }
  return new Map([...map].sort(([a], [b]) => a - b));
}

export function claimsFromCbor(value: unknown): CopyQrClaims {
  if (!(value instanceof Map)) throw new InvalidCopyQr('claims are not a map');
  const get = (name: keyof typeof CLAIM_KEY) => {
    if (!value.has(CLAIM_KEY[name])) throw new InvalidCopyQr(`claim ${name} is missing`);
    return value.get(CLAIM_KEY[name]);
  };
  const text = (name: keyof typeof CLAIM_KEY) => {
    const claim = get(name);
    if (typeof claim !== 'string') throw new InvalidCopyQr(`claim ${name} is not text`);
    return claim;
  };
  const time = (name: keyof typeof CLAIM_KEY) => {
    const claim = get(name);
    if (typeof claim !== 'number' || !Number.isSafeInteger(claim)) {
      throw new InvalidCopyQr(`claim ${name} is not an integer time`);
    }
    return new Date(claim * 1000);
  };
  const id = (name: keyof typeof CLAIM_KEY) => {
    const claim = get(name);
    if (claim instanceof Tag && claim.tag === UUID_TAG && isBytes(claim.value, 16))
      return formatUuid(claim.value);
    if (typeof claim === 'string') return claim;
    throw new InvalidCopyQr(`claim ${name} is neither text nor a UUID`);
  };
  const digest = get('metadataSha256');
  if (!isBytes(digest, 32)) throw new InvalidCopyQr('claim metadataSha256 is not 32 bytes');
  const mask = value.get(CLAIM_KEY.fields);
  const fields = mask === undefined ? undefined : fieldsOfMask(text('documentType'), mask);
  const holder: HolderClaims = {};
  for (const name of HOLDER_CLAIMS) {
    if (!value.has(CLAIM_KEY[name])) continue;
    const claim = value.get(CLAIM_KEY[name]);
    if (typeof claim !== 'string' || claim.length === 0 || claim.length > HOLDER_CLAIM_MAX[name]) {
      throw new InvalidCopyQr(`claim ${name} is not short text`);
    }
    holder[name] = claim;
  }
  return {
    copyId: id('copyId'),
    documentType: text('documentType'),
    partnerId: id('partnerId'),
    branchId: id('branchId'),
    purpose: text('purpose'),
    generatedAt: time('generatedAt'),
    expiresAt: time('expiresAt'),
    metadataSha256: new Uint8Array(digest),
    ...(fields !== undefined ? { fields } : {}),
    ...(Object.keys(holder).length > 0 ? { holder } : {}),
  };
}

// An extract's fields travel as a bit mask over the type's fields in print order (bit 0 = the first):
// 2–4 bytes where the names would cost ~100 characters of QR. So a type's field order is fixed:
// fields are only ever appended (test/unit/qr/copy-qr.test.ts pins it).
function fieldMaskOf(documentType: string, fields: readonly string[]): number {
  const keys = knownFieldKeys(documentType);
  let mask = 0;
  for (const field of fields) {
    const bit = keys.indexOf(field);
    if (bit < 0) throw new Error(`${documentType} has no field ${field}`);
    mask += 2 ** bit;
  }
  return mask;
}

function fieldsOfMask(documentType: string, mask: unknown): string[] {
  if (typeof mask !== 'number' || !Number.isSafeInteger(mask) || mask <= 0) {
    throw new InvalidCopyQr('claim fields is not a field mask');
  }
  const keys = knownFieldKeys(documentType);
  if (mask >= 2 ** keys.length) throw new InvalidCopyQr('claim fields names fields the type does not have');
  return keys.filter((_, bit) => Math.floor(mask / 2 ** bit) % 2 === 1);
}

function knownFieldKeys(documentType: string): string[] {
  if (!(DOCUMENT_TYPES as readonly string[]).includes(documentType)) {
    throw new InvalidCopyQr(`unknown document type ${documentType}`);
  }
  return fieldKeysOf(documentType as DocumentType);
}

function encodeId(id: string): string | Tag {
  if (!UUID_PATTERN.test(id)) return id;
  const hex = id.replaceAll('-', '');
  const bytes = Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  return new Tag(bytes, UUID_TAG);
}

function formatUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isBytes(value: unknown, length: number): value is Uint8Array {
  return value instanceof Uint8Array && value.length === length;
}
