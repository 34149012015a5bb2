import * as z from 'zod';
import { documentTypeSchema } from '../core/documents/document-type';

// Public verification answers: status, type, recipient names and time of a copy — no personal data.

export const copyParams = z.strictObject({
  copyId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .meta({ description: 'The copy id printed on the copy and carried by its QR' }),
});

export const copyStatusSchema = z
  .object({
    status: z.enum(['valid', 'revoked', 'expired']),
    documentType: documentTypeSchema,
    issuedTo: z.object({ partner: z.string(), branch: z.string() }),
    generatedAt: z.string(),
  })
  .meta({ id: 'CopyStatus' });

export const pdfVerificationSchema = z
  .object({
    signature: z.enum(['valid', 'invalid', 'missing']),
    modified: z
      .boolean()
      .meta({ description: 'Bytes outside the signed ranges exist (e.g. an update appended after signing)' }),
    copy: copyStatusSchema.optional(),
  })
  .meta({ id: 'PdfVerification' });

export const qrBody = z.strictObject({
  qr: z
    .string()
    .max(4096)
    .startsWith('DS1:')
    .meta({ description: 'The text of the QR printed on a copy: DS1:<Base45>' }),
});

export const qrVerificationSchema = z
  .object({
    signature: z.enum(['valid', 'invalid']),
    copy: copyStatusSchema.optional(),
  })
  .meta({ id: 'QrVerification' });
