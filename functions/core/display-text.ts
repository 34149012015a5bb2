import * as z from 'zod';

// Free text that a person reads somewhere else: a consent screen, a signed PDF, an e-mail subject.
// Control characters break layouts and headers, and bidirectional overrides (U+202A–U+202E,
// U+2066–U+2069, U+200E/F) make "moc.knab" read as "bank.com" (Trojan Source, CVE-2021-42574), so
// every format (Cf) and control (Cc) character, and the line/paragraph separators, are refused.
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export const DISPLAY_TEXT_MESSAGE = 'must not contain control or bidirectional formatting characters';

export function hasInvisibleOrControl(value: string): boolean {
  return INVISIBLE_OR_CONTROL.test(value);
}

/** A trimmed, non-empty text of at most `max` characters that displays as what it says. */
export const displayText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !hasInvisibleOrControl(value), DISPLAY_TEXT_MESSAGE);
