import { createHash } from 'node:crypto';

// The DS1 QR signs a hash of the copy's metadata, so whoever holds the metadata (the partner, from the
// package) must be able to recompute the very same bytes: JSON with object keys sorted, no whitespace.

/**
 * Canonical JSON: objects with keys sorted by UTF-16 code units (JavaScript's default sort) at every
 * depth, arrays in their order, no whitespace, strings and numbers as JSON.stringify writes them;
 * `undefined` members are left out (as JSON.stringify does).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** SHA-256 of the canonical JSON (UTF-8). */
export function canonicalJsonSha256(value: unknown): Uint8Array {
  return new Uint8Array(createHash('sha256').update(canonicalJson(value), 'utf8').digest());
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, member]) => [key, sortKeys(member)]));
}
