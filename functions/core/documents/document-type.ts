import * as z from 'zod';

/** The document types a wallet can hold; the names are part of the public API (docs/api.md). */
export const DOCUMENT_TYPES = [
  'internal-passport',
  'foreign-passport',
  'taxpayer-card',
  'idp-certificate',
  'birth-certificate',
  'driver-license',
  'vehicle-registration',
  'student-card',
] as const;

export const documentTypeSchema = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof documentTypeSchema>;
