import { Duration, type aws_stepfunctions as sfn } from 'aws-cdk-lib';
import { JitterType } from 'aws-cdk-lib/aws-stepfunctions';

/** How a webhook that was not answered 2xx is tried again (stack context `docshare:webhookRetry*`). */
export interface WebhookRetry {
  intervalSeconds: number;
  maxDelaySeconds: number;
  /** Retries after the first attempt. */
  maxAttempts: number;
}

/**
 * 1 min doubling up to 8 h: 11 retries, 12 attempts over 24.5 h (the contract asks for at least 24 h).
 * Every attempt is a billed state transition and a Lambda run of up to 10 s (a receiver that never
 * answers), so a dead webhook costs what its attempts cost: 12 instead of the 100 a 1-h cap needed
 * (docs/benchmarks.md). No jitter: it would make the 24 h a probability instead of a guarantee, and
 * each delivery's schedule already starts at its own first attempt, so retries do not arrive in step.
 */
export const WEBHOOK_RETRY: WebhookRetry = {
  intervalSeconds: 60,
  maxDelaySeconds: 8 * 3600,
  maxAttempts: 11,
};

/** The waits before each retry, in seconds, as Step Functions computes them (no jitter). */
export function retryWaits(retry: WebhookRetry): number[] {
  return Array.from({ length: retry.maxAttempts }, (_, k) =>
    Math.min(retry.intervalSeconds * 2 ** k, retry.maxDelaySeconds),
  );
}

/** The Retry of a task that sends one webhook: only a delivery failure, on the schedule above. */
export function webhookRetryProps(retry: WebhookRetry): sfn.RetryProps {
  return {
    errors: ['WebhookNotDelivered'],
    interval: Duration.seconds(retry.intervalSeconds),
    backoffRate: 2,
    maxDelay: Duration.seconds(retry.maxDelaySeconds),
    maxAttempts: retry.maxAttempts,
    jitterStrategy: JitterType.NONE,
  };
}
