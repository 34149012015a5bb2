import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type Channel, METRICS_NAMESPACE, type MetricName, SERVICE_NAME } from './metric-names';

// Business metrics in CloudWatch's embedded metric format: one JSON line on stdout per data point,
// which CloudWatch Logs turns into metrics (no PutMetricData call, no latency). Each point is
// written at once (a single metric), so a function that throws afterwards still counted it.
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

const units: Record<MetricName, (typeof MetricUnit)[keyof typeof MetricUnit]> = {
  SharesStarted: MetricUnit.Count,
  SharesApproved: MetricUnit.Count,
  SharesDelivered: MetricUnit.Count,
  SharesFailed: MetricUnit.Count,
  ApproveToDeliveredMs: MetricUnit.Milliseconds,
  WebhookAttempts: MetricUnit.Count,
  WebhookFailures: MetricUnit.Count,
  CopyRenderMs: MetricUnit.Milliseconds,
  BarcodeGuessesRefused: MetricUnit.Count,
};

/** Publishes one data point of `name`, dimensioned by the share's channel when it has one. */
export function recordMetric(name: MetricName, value = 1, channel?: Channel): void {
  const point = metrics.singleMetric();
  if (channel) point.addDimension('channel', channel);
  point.addMetric(name, units[name], value);
}
