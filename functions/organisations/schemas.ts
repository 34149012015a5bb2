import * as z from 'zod';
import { displayText } from '../core/display-text';
import { documentTypeSchema } from '../core/documents/document-type';
import { QR_CODE_PATTERN } from '../core/organisations/ids';
import { fieldSelectionSchema, idSchema, sharedFieldsSchema } from '../partner/schemas';

// Request and answer schemas of the organisations (QR) API; the source of validation and OpenAPI.

const text = displayText;
// Any digits: a wrong check digit is a 400 with its own message (core/organisations/tax-id.ts).
const taxId = z
  .string()
  .regex(/^(\d{8}|\d{10})$/, 'must be 8 (EDRPOU) or 10 (RNOKPP) digits')
  .meta({ description: 'EDRPOU (8 digits) or a sole trader’s RNOKPP (10 digits), with a valid check digit' });

export const branchBody = z.strictObject({
  name: text(200),
  email: z.email().max(254).meta({ description: 'Receives the copies once verified' }),
  address: text(500),
});

export const serviceBody = z.strictObject({
  name: text(200),
  documentTypes: z.array(documentTypeSchema).min(1).max(8),
  fields: fieldSelectionSchema.optional(),
});

export const organisationBody = z.strictObject({ name: text(200), taxId });

export const registrationBody = z.strictObject({
  name: text(200),
  taxId,
  branches: z.array(branchBody).min(1).max(20),
  services: z.array(serviceBody).min(1).max(20),
});

export const orgParams = z.strictObject({ orgId: idSchema('org') });
export const orgBranchParams = z.strictObject({ orgId: idSchema('org'), branchId: idSchema('ob') });
export const orgServiceParams = z.strictObject({ orgId: idSchema('org'), serviceId: idSchema('os') });
export const posterParams = z.strictObject({
  orgId: idSchema('org'),
  branchId: idSchema('ob'),
  serviceId: idSchema('os'),
});
export const qrParams = z.strictObject({ qrCode: z.string().regex(QR_CODE_PATTERN) });
export const tokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
export const shareBody = z.strictObject({
  pin: z.string().max(32),
  version: z.string().max(64).optional().meta({
    description: 'The `version` of GET /v1/qr/{qrCode} the visitor saw; 409 if the service changed since',
  }),
});

const emailStatus = z.enum(['pending_verification', 'verified', 'undeliverable']);

export const orgBranchSchema = z
  .object({
    branchId: z.string(),
    name: z.string(),
    email: z.string(),
    address: z.string(),
    emailStatus,
    emailVerifiedAt: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'OrganisationBranch' });

export const orgServiceSchema = z
  .object({
    serviceId: z.string(),
    name: z.string(),
    documentTypes: z.array(documentTypeSchema),
    fields: fieldSelectionSchema.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'OrganisationService' });

export const organisationSummarySchema = z
  .object({
    orgId: z.string(),
    name: z.string().meta({ description: 'The business registry’s name once active through the registry' }),
    taxId: z.string(),
    status: z.enum(['active', 'pending_review']).meta({
      description:
        'active when the business registry names you as the head of taxId (or an operator approved it); no poster and no share until then',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'OrganisationSummary' });

export const organisationSchema = organisationSummarySchema
  .extend({
    branches: z.array(orgBranchSchema),
    services: z.array(orgServiceSchema),
    notices: z.array(
      z.object({
        at: z.string(),
        kind: z.literal('email_undeliverable'),
        branchId: z.string(),
        detail: z.string(),
      }),
    ),
  })
  .meta({ id: 'Organisation' });

export const emailVerifiedSchema = z
  .object({
    status: z.literal('verified'),
    organisation: z.object({ orgId: z.string(), name: z.string() }),
    branch: z.object({ branchId: z.string(), name: z.string(), emailStatus: z.literal('verified') }),
  })
  .meta({ id: 'EmailVerified' });

export const qrInfoSchema = z
  .object({
    organisation: z.object({
      name: z.string(),
      taxId: z.string().optional().meta({
        description: 'EDRPOU of a legal entity; absent for a sole trader (their tax id is personal)',
      }),
    }),
    branch: z.object({ name: z.string(), address: z.string() }),
    service: z.object({ name: z.string() }),
    documentTypes: z.array(documentTypeSchema),
    fields: fieldSelectionSchema.optional(),
    sharedFields: sharedFieldsSchema,
    acceptsShares: z.boolean().meta({ description: 'false until the branch has verified its e-mail' }),
    version: z
      .string()
      .meta({ description: 'A digest of what this answer shows; send it back with the share' }),
  })
  .meta({ id: 'QrCodeInfo' });

export const qrShareSchema = z.object({ requestId: z.string() }).meta({ id: 'QrShare' });
