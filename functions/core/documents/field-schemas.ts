import * as z from 'zod';

// Building blocks shared by the document schemas. Names are Ukrainian as printed (Cyrillic with
// apostrophes, hyphens and spaces inside); Latin spellings are plain ASCII letters.

const UK = 'А-ЩЬЮЯҐЄІЇа-щьюяґєії';
const CYRILLIC_NAME = new RegExp(`^[${UK}]+(?:(?:['ʼ’]|[- ])[${UK}]+)*$`, 'u');
const LATIN_NAME = /^[A-Za-z]+(?:[-' ][A-Za-z]+)*$/;

export const isoDate = z.iso.date();
export const cyrillicName = z.string().max(100).regex(CYRILLIC_NAME, 'must be a name in Ukrainian letters');
export const latinName = z.string().max(100).regex(LATIN_NAME, 'must be a name in Latin letters');
/** Full name in one string (parents on a birth certificate): same alphabet as a name part. */
export const cyrillicFullName = z
  .string()
  .max(300)
  .regex(CYRILLIC_NAME, 'must be a name in Ukrainian letters');
/** M/F as in ICAO 9303 machine-readable zones; shown as «Ч»/«Ж» to people. */
export const sex = z.enum(['M', 'F']);
export const text = z.string().min(2).max(300);
/** УНЗР, the record number in the Unified State Demographic Register: birth date + 5 digits. */
export const recordNumber = z.string().regex(/^\d{8}-\d{5}$/, 'must look like YYYYMMDD-NNNNN');
/** Code of the issuing unit of the State Migration Service. */
export const authorityCode = z.string().regex(/^\d{4}$/, 'must be a 4-digit authority code');

type Issues = z.RefinementCtx;

/** Adds an issue unless `earlier` ≤ `later` (both ISO dates; missing or malformed ones are left to the schema). */
export function requireOrder(
  ctx: Issues,
  data: Record<string, unknown>,
  earlierKey: string,
  laterKey: string,
): void {
  const earlier = data[earlierKey];
  const later = data[laterKey];
  if (typeof earlier !== 'string' || typeof later !== 'string') return;
  if (earlier > later) {
    ctx.addIssue({ code: 'custom', path: [laterKey], message: `must not be before ${earlierKey}` });
  }
}

/** The УНЗР starts with the holder's birth date written YYYYMMDD. */
export function requireRecordNumberMatchesBirthDate(ctx: Issues, data: Record<string, unknown>): void {
  const { recordNumber: record, birthDate } = data;
  if (typeof record !== 'string' || typeof birthDate !== 'string') return;
  if (record.slice(0, 8) !== birthDate.replaceAll('-', '')) {
    ctx.addIssue({
      code: 'custom',
      path: ['recordNumber'],
      message: 'must start with the birth date (YYYYMMDD)',
    });
  }
}
