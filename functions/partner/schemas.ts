import * as z from 'zod';
import { displayText } from '../core/display-text';
import { DOCUMENT_TYPES } from '../core/documents/document-type';
import { fieldKeysOf } from '../core/documents/field-selection';
import { documentTypeSchema } from '../core/partners/partner';

// Request and answer schemas of the partner API; the source of both validation and OpenAPI.

const text = displayText;
export const idSchema = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{1,40}$`));
const documentTypes = z.array(documentTypeSchema).min(1).max(8);
const httpsUrl = z
  .url({ protocol: /^https$/ })
  .max(2000)
  .refine((value) => !new URL(value).username, 'must not contain credentials');

export const partnerProfileSchema = z
  .object({ partnerId: z.string(), name: z.string(), documentTypes: z.array(documentTypeSchema) })
  .meta({ id: 'Partner' });

export const encryptionKeyBody = z.strictObject({
  jwk: z.record(z.string(), z.unknown()).meta({ description: 'Public JWK: EC P-256 or RSA ≥ 2048 bits' }),
});

export const branchBody = z.strictObject({
  name: text(200),
  email: z.email().max(254),
  address: text(500),
  callbackUrl: z.string().max(2000).optional(),
  documentTypes,
});

export const branchSchema = z
  .object({
    branchId: z.string(),
    name: z.string(),
    email: z.string(),
    address: z.string(),
    callbackUrl: z.string().optional(),
    documentTypes: z.array(documentTypeSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Branch' });

/**
 * Per document type, the field keys an offer asks for (enums of each type's fields, so OpenAPI lists
 * them). Whether each type is one the offer asks for is judged by the use case.
 */
export const fieldSelectionSchema = z
  .strictObject(
    Object.fromEntries(
      DOCUMENT_TYPES.map((type) => [
        type,
        z
          .array(z.enum(fieldKeysOf(type) as [string, ...string[]]))
          .max(64)
          .optional(),
      ]),
    ),
  )
  .meta({
    id: 'FieldSelection',
    description:
      'Per document type, the only fields the offer needs; the copy of that document is then an extract (PDF, metadata and QR hold only these fields). A type left out is shared whole.',
    example: { 'internal-passport': ['surname', 'givenName', 'birthDate'] },
  });

const fieldLabel = z.object({ key: z.string(), uk: z.string(), en: z.string() });

/** Per document of a request, the fields that travel and those that do not, labelled for people. */
export const sharedFieldsSchema = z
  .array(
    z.object({
      documentType: documentTypeSchema,
      extract: z.boolean().meta({ description: 'True when only some fields travel' }),
      shared: z.array(fieldLabel),
      notShared: z.array(fieldLabel),
    }),
  )
  .meta({ id: 'SharedFields' });

export const offerBody = z.strictObject({
  name: text(200),
  purpose: text(500),
  documentTypes,
  fields: fieldSelectionSchema.optional(),
  accessDays: z.number().int().min(0).max(365).optional(),
  returnLink: httpsUrl.optional(),
});

export const offerSchema = z
  .object({
    offerId: z.string(),
    branchId: z.string(),
    name: z.string(),
    purpose: z.string(),
    documentTypes: z.array(documentTypeSchema),
    fields: fieldSelectionSchema.optional(),
    accessDays: z.number().int(),
    returnLink: z.string().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'Offer' });

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

export const listOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() }).meta({ id });

export const branchParams = z.strictObject({ branchId: idSchema('br') });
export const offerParams = z.strictObject({ branchId: idSchema('br'), offerId: idSchema('of') });
export const webhookSecretSchema = z.object({ webhookSecret: z.string() }).meta({ id: 'WebhookSecret' });

export const validationBody = z.strictObject({
  branchId: idSchema('br'),
  // Any string: a wrong length or check digit is 422 barcode_invalid, not a schema error.
  barcode: z.string().max(64),
  checks: z
    .strictObject({
      ageOver: z.number().int().min(0).max(150).optional(),
      fullName: z.string().trim().min(1).max(300).optional(),
      birthDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
        .optional(),
    })
    .default({}),
});

export const validationSchema = z
  .object({
    valid: z.boolean(),
    documentType: documentTypeSchema,
    checks: z.object({
      ageOver: z.boolean().optional(),
      fullName: z.boolean().optional(),
      birthDate: z.boolean().optional(),
    }),
    attestation: z
      .string()
      .meta({ description: 'JWS (ES256) over the answer; verify with /.well-known/jwks.json' }),
  })
  .meta({ id: 'DocumentValidation' });
