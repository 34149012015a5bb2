import { Duration } from 'aws-cdk-lib';
import { JitterType, type RetryProps } from 'aws-cdk-lib/aws-stepfunctions';

/**
 * The first Retry of every Lambda task: Lambda refused the invocation (reserved or account
 * concurrency reached), so the function never ran and waiting is always safe. A burst of shares
 * past a function's reserved concurrency (IssueCopies 20, the webhook senders 50) is throttled by
 * design; its tasks wait their turn — up to about 3 minutes, spread by full jitter so that they do
 * not come back all at once — instead of failing after the few tries a fault gets.
 */
export const LAMBDA_THROTTLED_RETRY: RetryProps = {
  errors: ['Lambda.TooManyRequestsException'],
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxDelay: Duration.seconds(20),
  maxAttempts: 12,
  jitterStrategy: JitterType.FULL,
};
