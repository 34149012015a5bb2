// How long docshare keeps each kind of data: the one place to change a retention period. The CDK
// constructs read it for S3 lifecycle rules, log groups and queues; every function gets it as
// RETENTION_* environment variables (docshare-function.ts) and reads them with readEnv
// (functions/config/retention.ts). docs/privacy.md lists the same periods.

export const retention = {
  /** A signed copy's PDF (S3 `copies/`) and the copy's validity: it expires after this many days. */
  copyDays: 30,
  /** An encrypted package stays pullable (S3 `packages/`, the request's package pointer). */
  packageDays: 7,
  /** Short-lived downloads (S3 `downloads/`). */
  downloadDays: 1,
  /** A copy's record outlives the copy so that verifiers learn "expired" rather than "unknown". */
  copyRecordDaysAfterExpiry: 365,
  /** A share request's record (and its package pointer) after the request's own expiry. */
  requestRecordDaysAfterExpiry: 365,
  /** A deep link's token record after the link expires. */
  deeplinkDaysAfterExpiry: 1,
  /** A request's audit records. */
  auditDays: 730,
  /** A citizen's notifications (document refreshed, …). */
  notificationDays: 365,
  /** A citizen's error report and its status. */
  errorReportDays: 730,
  /** An error report waiting in the registry queue (SQS's maximum is 14 days). */
  registryQueueDays: 14,
  /** Lambda log groups. */
  logDays: 30,
  /** S3 server access logs. */
  accessLogDays: 90,
} as const;

export type Retention = typeof retention;

/** The periods functions need, as environment variables (names match functions/config/retention.ts). */
export function retentionEnvironment(): Record<string, string> {
  return {
    COPY_RETENTION_DAYS: String(retention.copyDays),
    PACKAGE_RETENTION_DAYS: String(retention.packageDays),
    RETENTION_COPY_RECORD_DAYS: String(retention.copyRecordDaysAfterExpiry),
    RETENTION_REQUEST_RECORD_DAYS: String(retention.requestRecordDaysAfterExpiry),
    RETENTION_DEEPLINK_DAYS: String(retention.deeplinkDaysAfterExpiry),
    RETENTION_AUDIT_DAYS: String(retention.auditDays),
    RETENTION_NOTIFICATION_DAYS: String(retention.notificationDays),
    RETENTION_ERROR_REPORT_DAYS: String(retention.errorReportDays),
  };
}
