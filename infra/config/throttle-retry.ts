import { Duration } from 'aws-cdk-lib';
import { JitterType, type RetryProps } from 'aws-cdk-lib/aws-stepfunctions';

/**
 * Throttling, by the names tasks see it: Lambda refusing the invocation (reserved or account
 * concurrency reached: the function never ran) and the AWS services a task calls refusing a request
 * over their quotas (KMS, DynamoDB, S3). The refused request did nothing, so waiting is always safe.
 */
export const THROTTLING = [
  'Lambda.TooManyRequestsException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
];

/**
 * The first Retry of every Lambda task. A burst of shares past a function's reserved concurrency
 * (IssueCopies and the webhook senders: 50 each) or a quota (KMS Sign: two per copy) is throttled by
 * design; its tasks wait their turn — up to about 3 minutes, spread by full jitter so that they do
 * not come back all at once — instead of failing after the few tries a fault gets.
 */
export const THROTTLED_RETRY: RetryProps = {
  errors: THROTTLING,
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxDelay: Duration.seconds(20),
  maxAttempts: 12,
  jitterStrategy: JitterType.FULL,
};
