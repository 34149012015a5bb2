import * as z from 'zod';
import { documentTypeSchema } from '../core/documents/document-type';
import { fieldSelectionSchema } from '../partner/schemas';
import { citizenRequestSchema } from '../sharing/schemas';

// Standing access and revocation: request and answer schemas (validation and OpenAPI).

export const consentParams = z.strictObject({ consentId: z.string().regex(/^cns_[A-Za-z0-9]{10,40}$/) });
// Partners are partner ids (ptn_…) or organisations (org_…) that received copies by QR.
export const partnerParams = z.strictObject({
  partnerId: z.string().regex(/^[a-z]{2,4}_[A-Za-z0-9]{1,40}$/),
});
export const packageBody = z.strictObject({ requestId: z.uuid() });

export const partnerConsentSchema = z
  .object({
    consentId: z.string(),
    requestId: z.string().describe('The approved request that granted it'),
    branchId: z.string(),
    offerId: z.string(),
    documentTypes: z.array(documentTypeSchema),
    fields: fieldSelectionSchema.optional(),
    purpose: z.string(),
    since: z.string(),
    until: z.string(),
    status: z.enum(['active', 'revoked', 'expired']),
    uses: z.number().int(),
    lastUsedAt: z.string().optional(),
  })
  .meta({ id: 'PartnerConsent' });

export const standingPackageSchema = z
  .object({
    requestId: z.string(),
    consentId: z.string(),
    status: z.string().describe('`approved` at first; then as any request (GET /v1/partner/requests/{id})'),
    expiresAt: z.string(),
  })
  .meta({ id: 'StandingPackageRequest' });

export const holdingSchema = z
  .object({
    partner: z.object({ partnerId: z.string(), name: z.string() }),
    since: z.string(),
    until: z.string(),
    documentTypes: z.array(documentTypeSchema),
    purposes: z.array(z.string()),
    standingAccess: z.array(
      z.object({
        consentId: z.string(),
        branch: z.object({ name: z.string(), address: z.string() }),
        purpose: z.string(),
        documentTypes: z.array(documentTypeSchema),
        fields: fieldSelectionSchema.optional(),
        since: z.string(),
        until: z.string(),
        uses: z.number().int(),
        lastUsedAt: z.string().optional(),
      }),
    ),
    copies: z.array(
      z.object({
        copyId: z.string(),
        type: documentTypeSchema,
        purpose: z.string(),
        branch: z.string(),
        generatedAt: z.string(),
        expiresAt: z.string(),
        fields: z.array(z.string()).optional().meta({ description: 'An extract: the fields received' }),
      }),
    ),
  })
  .meta({ id: 'PartnerHolding' });

export const historyExportSchema = z
  .object({
    citizenId: z.string(),
    exportedAt: z.string(),
    requests: z.array(citizenRequestSchema),
  })
  .meta({ id: 'HistoryExport' });
