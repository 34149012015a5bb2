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
    extract: z.boolean().meta({
      description: 'True when the copy is an extract: it shows only the fields in `fields`',
    }),
    fields: z
      .array(z.string())
      .optional()
      .meta({ description: 'An extract’s field keys (names of the document type’s fields)' }),
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
    holder: z
      .object({
        holderName: z.string().optional().meta({ description: 'Surname and given name in Latin letters' }),
        birthDate: z.string().optional().meta({ description: 'YYYY-MM-DD' }),
        numberEnd: z
          .string()
          .optional()
          .meta({ description: 'The last 4 characters of the document number' }),
      })
      .optional()
      .meta({
        description:
          'Signed in the QR (only with a valid signature): compare them with the paper and the person. An extract carries only those it shows.',
      }),
  })
  .meta({ id: 'QrVerification' });
