import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { readEnv } from '../../config/env';
import { type ErrorReport, type RegistryInbox, registryMessage } from '../../core/error-reports/error-report';

// The registries' error-report queue: one SQS queue for every registry, each message carrying the
// issuing registry in its `registry` attribute (a registry's consumer filters on it; a queue per
// registry would be the next step when registries consume directly). The queue is KMS-encrypted.
// `useQueueUrlAsEndpoint: false`: the endpoint comes from the environment (AWS, LocalStack, the
// embedded edge), never from the URL's host.

export const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
let queueUrl: string | undefined;

export function errorReportQueueUrl(): string {
  queueUrl ??= readEnv({ ERROR_REPORT_QUEUE_URL: z.string().min(1) }).ERROR_REPORT_QUEUE_URL;
  return queueUrl;
}

export const sqsRegistryInbox: RegistryInbox = {
  async deliver(report: ErrorReport) {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: errorReportQueueUrl(),
        MessageBody: JSON.stringify(registryMessage(report)),
        MessageAttributes: {
          registry: { DataType: 'String', StringValue: report.registry },
          documentType: { DataType: 'String', StringValue: report.documentType },
        },
      }),
    );
  },
};
