import * as z from 'zod';
import { displayText } from '../core/display-text';
import type { ErrorReportStatus } from '../core/error-reports/error-report';
import { documentTypeSchema } from '../core/partners/partner';

// What the operator can ask of the Admin function (invoked with IAM credentials, never over HTTP).
export const operatorCommand = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('partner.create'),
    name: displayText(200),
    documentTypes: z.array(documentTypeSchema).min(1),
  }),
  z.strictObject({ command: z.literal('partner.rotate-key'), partnerId: z.string().min(1) }),
  // Once per deployment, before the first copy: the root CA key certifies the signing key. Only the
  // operator's function holds the root key's kms:Sign (issue 16.2). Idempotent.
  z.strictObject({ command: z.literal('signing-chain.issue') }),
  z.strictObject({ command: z.literal('partner.rotate-webhook-secret'), partnerId: z.string().min(1) }),
  z.strictObject({ command: z.literal('partner.show'), partnerId: z.string().min(1) }),
  z.strictObject({
    command: z.literal('registry.import'),
    citizenId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    fullName: displayText(300),
    issuedBy: displayText(200).default('Демо-реєстр'),
    documents: z
      .array(
        z.strictObject({
          docId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
          type: documentTypeSchema,
          data: z.record(z.string(), z.unknown()),
        }),
      )
      .max(50),
  }),
  // The issuing registry publishes a new version of documents without pushing them to the wallet:
  // the refresh job picks them up (F9).
  z.strictObject({
    command: z.literal('registry.publish'),
    citizenId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    issuedBy: displayText(200).default('Демо-реєстр'),
    documents: z
      .array(
        z.strictObject({
          docId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
          type: documentTypeSchema,
          data: z.record(z.string(), z.unknown()),
        }),
      )
      .min(1)
      .max(50),
  }),
  // The business registry as this deployment knows it (who heads which tax id), and the review of
  // organisations the registry did not vouch for.
  z.strictObject({
    command: z.literal('registry.company.put'),
    taxId: z.string().regex(/^(\d{8}|\d{10})$/),
    name: displayText(200),
    headCitizenIds: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/))
      .min(1)
      .max(20),
  }),
  z.strictObject({
    command: z.literal('organisation.approve'),
    orgId: z.string().regex(/^org_[A-Za-z0-9]{1,40}$/),
  }),
  z.strictObject({ command: z.literal('documents.refresh') }),
  z.strictObject({ command: z.literal('copies.expire') }),
  z.strictObject({
    command: z.literal('error-reports.receive'),
    max: z.number().int().min(1).max(10).default(10),
  }),
  z.strictObject({
    command: z.literal('error-reports.set-status'),
    reportId: z.string().regex(/^er_[a-f0-9]{32}$/),
    status: z.enum(['in_review', 'resolved', 'rejected'] satisfies ErrorReportStatus[]),
    note: z.string().trim().min(1).max(2000).optional(),
  }),
]);
export type OperatorCommand = z.infer<typeof operatorCommand>;
