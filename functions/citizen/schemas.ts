import * as z from 'zod';
import { documentTypeSchema } from '../core/documents/document-type';

export const docParams = z.strictObject({ docId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const meSchema = z.object({ citizenId: z.string(), fullName: z.string() }).meta({ id: 'Me' });

export const documentSummarySchema = z
  .object({
    docId: z.string(),
    type: documentTypeSchema,
    title: z.string(),
    validUntil: z.string().nullable(),
    status: z.enum(['valid', 'expired']),
  })
  .meta({ id: 'DocumentSummary' });

export const documentSchema = documentSummarySchema
  .extend({
    issuedBy: z.string(),
    data: z.record(z.string(), z.unknown()),
    fields: z.array(
      z.object({ key: z.string(), label: z.string(), value: z.string(), latin: z.string().optional() }),
    ),
  })
  .meta({ id: 'Document' });

export const barcodeSchema = z
  .object({ barcode: z.string().regex(/^\d{13}$/), expiresAt: z.string() })
  .meta({ id: 'Barcode' });

export const pinBody = z.strictObject({
  pin: z.string().regex(/^\d{5}$/, 'must be 5 digits'),
  currentPin: z.string().max(10).optional(),
});
