import type { z } from 'zod';
import type { HolderName } from '../checks/full-name';
import type { DocumentType } from './document-type';

/** How a field's value is shown to people; plain text unless said otherwise. */
export type FieldKind = 'text' | 'date' | 'sex' | 'driving-categories';

export interface DocumentField {
  key: string;
  labelUk: string;
  labelEn: string;
  /** Identifies the holder: stored envelope-encrypted and never put in logs or audit records. */
  personal: boolean;
  /** The field holding this field's Latin spelling (shown beside it, not as a row of its own). */
  latinKey?: string;
  kind?: FieldKind;
}

/** A document type as a plug-in: its schema, how to show it and what the domain needs to know from it. */
export interface DocumentDescriptor<S extends z.ZodObject = z.ZodObject> {
  readonly type: DocumentType;
  readonly titleUk: string;
  readonly titleEn: string;
  /** Strict: unknown fields are refused, so nothing unexpected is stored or shared. */
  readonly schema: S;
  /** Every key of the schema, in the order the document prints them. */
  readonly fields: readonly DocumentField[];
  /** Last day of validity ('YYYY-MM-DD'), or undefined for documents that do not expire. */
  /** The field printed as the document's number; a copy's QR carries its last digits. */
  readonly numberKey: string;
  validUntil(data: z.infer<S>): string | undefined;
  holderName(data: z.infer<S>): HolderName | undefined;
  birthDate(data: z.infer<S>): string | undefined;
}

/** Ties a descriptor's callbacks to its schema's type. */
export function defineDocument<S extends z.ZodObject>(
  descriptor: DocumentDescriptor<S>,
): DocumentDescriptor<S> {
  return descriptor;
}
