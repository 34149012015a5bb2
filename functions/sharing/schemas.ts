import * as z from 'zod';
import { documentTypeSchema } from '../core/documents/document-type';
import { fieldSelectionSchema, idSchema, sharedFieldsSchema } from '../partner/schemas';

export const requestStatusSchema = z.enum([
  'pending_consent',
  'approved',
  'delivered',
  'declined',
  'expired',
  'failed',
]);

export const submitBody = z
  .strictObject({
    requestId: z.uuid(),
    branchId: idSchema('br'),
    offerId: idSchema('of'),
    // Any string: a wrong length or check digit is 422 barcode_invalid, not a schema error.
    barcode: z.string().max(64),
  })
  .meta({
    examples: [
      {
        requestId: '6f1c2a9e-4b7d-4c1e-9a51-2d8e7f3b0c44',
        branchId: 'br_3f9a1c7e5b2d4a6c8e0f',
        offerId: 'of_8b2d4f6a1c3e5a7b9d0f',
        barcode: '4820024700016',
      },
    ],
  });

export const submitAnswerSchema = z
  .object({ requestId: z.string(), status: z.literal('pending_consent'), expiresAt: z.string() })
  .meta({
    id: 'SubmittedRequest',
    examples: [
      {
        requestId: '6f1c2a9e-4b7d-4c1e-9a51-2d8e7f3b0c44',
        status: 'pending_consent',
        expiresAt: '2026-12-03T10:05:00.000Z',
      },
    ],
  });

export const requestParams = z.strictObject({ requestId: z.uuid() });

/** requestIds are the partners' own: `partnerId` (from GET /v1/me/requests) says whose is meant. */
export const decideQuery = z.strictObject({
  partnerId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .optional()
    .meta({
      description: 'The partner whose request this is; needed only when two partners used the same requestId',
    }),
});

export const partnerRequestSchema = z
  .object({
    requestId: z.string(),
    status: requestStatusSchema,
    branchId: z.string(),
    offerId: z.string(),
    documentTypes: z.array(documentTypeSchema),
    fields: fieldSelectionSchema.optional(),
    createdAt: z.string(),
    expiresAt: z.string(),
    decidedAt: z.string().optional(),
    deliveredAt: z.string().optional(),
    deliveryStatus: z.enum(['pending', 'retrying', 'delivered', 'failed', 'pull_only']).optional(),
    failureReason: z.string().optional(),
    missingDocumentTypes: z.array(documentTypeSchema).optional(),
    consentId: z.string().optional().describe('The standing access this request granted or used'),
    revokedAt: z.string().optional().describe('When the citizen revoked access: the package is gone'),
    returnResultPresentedAt: z
      .string()
      .optional()
      .describe('Deep links: when the one-time result of the citizen’s way back was presented'),
  })
  .meta({ id: 'PartnerRequest' });

const copySchema = z.object({
  copyId: z.string(),
  type: documentTypeSchema,
  generatedAt: z.string(),
  expiresAt: z.string(),
  fields: z
    .array(z.string())
    .optional()
    .meta({ description: 'An extract: the only fields of the document the partner received' }),
});

export const citizenRequestSchema = z
  .object({
    requestId: z.string(),
    status: requestStatusSchema,
    partner: z.object({ partnerId: z.string(), name: z.string() }),
    branch: z.object({ name: z.string(), address: z.string() }),
    purpose: z.string(),
    documentTypes: z.array(documentTypeSchema),
    fields: fieldSelectionSchema.optional(),
    sharedFields: sharedFieldsSchema,
    accessDays: z.number(),
    createdAt: z.string(),
    expiresAt: z.string(),
    decidedAt: z.string().optional(),
    returnLink: z.string().optional(),
    sessionCode: z
      .string()
      .optional()
      .meta({ description: 'Deep links: the code the partner shows its user; they must match' }),
    channel: z.enum(['barcode', 'deeplink', 'qr', 'consent']),
    consentId: z.string().optional(),
    revokedAt: z.string().optional(),
    copies: z.array(copySchema),
  })
  .meta({ id: 'CitizenRequest' });

export const citizenListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
  status: requestStatusSchema.optional(),
});

export const approveBody = z.strictObject({ pin: z.string().max(10) });

export const returnResultBody = z.strictObject({
  result: z.string().min(1).max(100).meta({
    description: 'The `docshareResult` query parameter the citizen’s way back (`returnLink`) arrived with',
  }),
});
export const returnResultSchema = z
  .object({
    requestId: z.string(),
    status: requestStatusSchema,
    presentedAt: z.string(),
  })
  .meta({ id: 'ReturnResult' });
export const decisionSchema = z.object({ status: z.enum(['approved', 'declined']) }).meta({ id: 'Decision' });

export const deeplinkBody = z.strictObject({
  requestId: z.uuid(),
  returnLink: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .optional(),
});

export const deeplinkSchema = z
  .object({
    requestId: z.string(),
    deeplink: z.string(),
    qrSvg: z.string(),
    expiresAt: z.string(),
    sessionCode: z.string().meta({
      description:
        '6 digits to show your user beside the link; docshare shows the same on the consent screen',
    }),
  })
  .meta({ id: 'Deeplink' });

export const offerPathParams = z.strictObject({
  branchId: z.string().regex(/^br_[A-Za-z0-9]{1,40}$/),
  offerId: z.string().regex(/^of_[A-Za-z0-9]{1,40}$/),
});

export const tokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
