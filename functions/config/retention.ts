import * as z from 'zod';
import { readEnv } from './env';

// Retention periods, set once in infra/config/retention.ts and given to every function as
// environment variables. Read on first use, so a function that stores nothing long-lived needs none.

const days = z.coerce.number().int().min(1).max(3650);
const shape = {
  COPY_RETENTION_DAYS: days,
  PACKAGE_RETENTION_DAYS: days,
  RETENTION_COPY_RECORD_DAYS: days,
  RETENTION_REQUEST_RECORD_DAYS: days,
  RETENTION_DEEPLINK_DAYS: days,
  RETENTION_AUDIT_DAYS: days,
  RETENTION_NOTIFICATION_DAYS: days,
  RETENTION_ERROR_REPORT_DAYS: days,
};

let cached: z.infer<z.ZodObject<typeof shape>> | undefined;

export function retentionConfig() {
  cached ??= readEnv(shape);
  return cached;
}

/** Epoch seconds `days` after `from`, for the table's TTL attribute (expiresAtEpoch). */
export function ttlAfter(from: Date | string, days: number): number {
  const start = typeof from === 'string' ? Date.parse(from) : from.getTime();
  return Math.floor(start / 1000) + days * 86400;
}
