// JSON values as Step Functions passes them between states, and the few transformations we need on them.
import { createHash } from 'node:crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Parses JSON text; `undefined` when it is not JSON (callers turn that into the AWS error they need). */
export function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

export function isJsonObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaces every occurrence of `search` inside the strings of a JSON value (the task token placeholder). */
export function replaceInStrings(value: Json, search: string, replacement: string): Json {
  if (typeof value === 'string')
    return value.includes(search) ? value.replaceAll(search, replacement) : value;
  if (Array.isArray(value)) return value.map((item) => replaceInStrings(item, search, replacement));
  if (isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceInStrings(item, search, replacement)]),
    );
  }
  return value;
}

function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key] as Json)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A digest that is equal for equal JSON values whatever their key order. */
export function jsonDigest(value: Json): string {
  return createHash('sha256').update(canonical(value)).digest('base64url').slice(0, 22);
}
