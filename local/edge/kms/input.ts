// Reading KMS request members: blobs arrive base64 in JSON; anything malformed is a ValidationException.
import { type Input, invalid, optionalInteger, optionalString, requiredString } from '../input-members';
import type { EncryptionContext } from './ciphertext';

export { type Input, optionalInteger, optionalString, requiredString } from '../input-members';

/** A base64 blob member of 1..maxBytes bytes. */
export function requiredBlob(input: Input, name: string, maxBytes: number): Buffer {
  const value = requiredString(input, name);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw invalid(`${name} is not valid base64`);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length === 0 || bytes.length > maxBytes) throw invalid(`${name} must be 1 to ${maxBytes} bytes`);
  return bytes;
}

export function encryptionContext(input: Input): EncryptionContext {
  const value = input['EncryptionContext'] ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('EncryptionContext must be a map');
  const entries = Object.entries(value);
  if (entries.some(([, v]) => typeof v !== 'string'))
    throw invalid('EncryptionContext values must be strings');
  return Object.fromEntries(entries) as EncryptionContext;
}

export function tags(input: Input, name: string): Record<string, string> {
  const value = input[name] ?? [];
  if (!Array.isArray(value)) throw invalid(`${name} must be a list`);
  const result: Record<string, string> = {};
  for (const tag of value as Input[]) {
    result[requiredString(tag, 'TagKey')] = optionalString(tag, 'TagValue') ?? '';
  }
  return result;
}

/** One page of a KMS list operation (`Limit` + opaque `Marker`, answered with `Truncated`/`NextMarker`). */
export function page<T>(
  input: Input,
  items: T[],
  defaultLimit: number,
): { items: T[]; Truncated: boolean; NextMarker?: string } {
  const limit = optionalInteger(input, 'Limit', 1, 1000) ?? defaultLimit;
  const marker = optionalString(input, 'Marker');
  const start = marker === undefined ? 0 : Number.parseInt(marker, 10);
  if (!Number.isInteger(start) || start < 0) throw invalid('Marker is invalid');
  const end = start + limit;
  return end < items.length
    ? { items: items.slice(start, end), Truncated: true, NextMarker: String(end) }
    : { items: items.slice(start), Truncated: false };
}
