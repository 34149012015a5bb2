// The business metrics docshare publishes (CloudWatch embedded metric format, through powertools)
// and the alarms and dashboard read. One list, so a renamed metric cannot leave an alarm watching
// nothing. Dimensioned by channel where a share has one — never by partner (unbounded cardinality,
// and a partner's volume is their business).

export const METRICS_NAMESPACE = 'Docshare';
export const SERVICE_NAME = 'docshare';

export const metricNames = [
  'SharesStarted',
  'SharesApproved',
  'SharesDelivered',
  'SharesFailed',
  'ApproveToDeliveredMs',
  'WebhookAttempts',
  'WebhookFailures',
  'CopyRenderMs',
  'BarcodeGuessesRefused',
] as const;
export type MetricName = (typeof metricNames)[number];

/** How a share began: a scanned barcode, a deep link, a poster's QR code, or a standing consent. */
export const channels = ['barcode', 'deeplink', 'qr', 'consent'] as const;
export type Channel = (typeof channels)[number];

/** A data point an error or a step asks to be counted. */
export interface MetricPoint {
  name: MetricName;
  channel?: Channel;
}
