import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { errorReportQueueUrl, sqs } from './registry-inbox';

// The registry's side of the error-report queue (the operator CLI stands in for a registry's
// consumer): take up to `max` reports. A taken report is deleted from the queue once the caller
// has recorded it; if the caller fails first, SQS shows it again after the visibility timeout.

export interface QueuedReport {
  body: Record<string, unknown>;
  registry?: string;
  acknowledge(): Promise<void>;
}

export async function takeQueuedReports(max: number, waitSeconds = 1): Promise<QueuedReport[]> {
  const QueueUrl = errorReportQueueUrl();
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: waitSeconds,
      VisibilityTimeout: 60,
      MessageAttributeNames: ['registry'],
    }),
  );
  return (out.Messages ?? []).map((message) => ({
    body: JSON.parse(message.Body ?? '{}') as Record<string, unknown>,
    registry: message.MessageAttributes?.registry?.StringValue,
    acknowledge: async () => {
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    },
  }));
}
