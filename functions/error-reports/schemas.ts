import * as z from 'zod';
import { documentTypeSchema } from '../core/documents/document-type';
import { ERROR_REPORT_STATUSES, MAX_ERROR_REPORT_LENGTH } from '../core/error-reports/error-report';

export const errorReportBody = z.strictObject({
  docId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  message: z.string().trim().min(1).max(MAX_ERROR_REPORT_LENGTH),
});

export const errorReportCreatedSchema = z.object({ reportId: z.string() }).meta({ id: 'ErrorReportCreated' });

export const errorReportSchema = z
  .object({
    reportId: z.string(),
    docId: z.string(),
    documentType: documentTypeSchema,
    message: z.string(),
    status: z.enum(ERROR_REPORT_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
    registryNote: z.string().optional(),
  })
  .meta({ id: 'ErrorReport' });
