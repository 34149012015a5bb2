import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

// Where events AWS delivers asynchronously end up when their Lambda keeps failing: the EventBridge
// schedules' targets and the SES feedback subscription (SNS → Lambda) name this queue as their
// dead-letter queue, and the Monitoring construct alarms on any message in it. SQS-managed
// encryption: EventBridge and SNS can write to it without a key policy of ours.
export class FailedEvents extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of EventBridge targets and an SNS subscription.',
    });
  }
}
