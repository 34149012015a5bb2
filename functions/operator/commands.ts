import { z } from 'zod';
import { documentTypeSchema } from '../core/partners/partner';

// What the operator can ask of the Admin function (invoked with IAM credentials, never over HTTP).
export const operatorCommand = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('partner.create'),
    name: z.string().trim().min(1).max(200),
    documentTypes: z.array(documentTypeSchema).min(1),
  }),
  z.strictObject({ command: z.literal('partner.rotate-key'), partnerId: z.string().min(1) }),
  z.strictObject({ command: z.literal('partner.rotate-webhook-secret'), partnerId: z.string().min(1) }),
  z.strictObject({ command: z.literal('partner.show'), partnerId: z.string().min(1) }),
  z.strictObject({
    command: z.literal('registry.import'),
    citizenId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    fullName: z.string().trim().min(1).max(300),
    issuedBy: z.string().trim().min(1).max(200).default('Демо-реєстр'),
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
]);
export type OperatorCommand = z.infer<typeof operatorCommand>;
