import * as z from 'zod';
import { documentTypeSchema } from '../core/documents/document-type';

export const notificationSchema = z
  .object({
    notificationId: z.string(),
    kind: z.enum(['document.refreshed']),
    docId: z.string(),
    documentType: documentTypeSchema,
    validUntil: z.string().nullable(),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });

export const notificationParams = z.strictObject({
  notificationId: z.string().regex(/^ntf_[A-Za-z0-9]{1,64}$/),
});
