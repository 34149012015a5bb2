import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEdge, type TestEdge } from './support/edge-fixture';

// The embedded SQS, driven by the real AWS SDK v3 client (AWS JSON 1.0, `AmazonSQS.<Action>`).
let fixture: TestEdge;
let sqs: SQSClient;

beforeAll(async () => {
  fixture = await startTestEdge();
  sqs = new SQSClient(fixture.clientConfig);
});
afterAll(async () => {
  sqs.destroy();
  await fixture.stop();
});

async function count(QueueUrl: string): Promise<number> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(out.Attributes?.ApproximateNumberOfMessages);
}

describe('the embedded SQS', () => {
  it('creates a queue, finds it by name and answers QueueDoesNotExist for an unknown one', async () => {
    const created = await sqs.send(new CreateQueueCommand({ QueueName: 'reports-a' }));
    expect(created.QueueUrl).toBe(`${fixture.edge.url}/000000000000/reports-a`);
    const again = await sqs.send(new CreateQueueCommand({ QueueName: 'reports-a' }));
    expect(again.QueueUrl).toBe(created.QueueUrl);
    const found = await sqs.send(new GetQueueUrlCommand({ QueueName: 'reports-a' }));
    expect(found.QueueUrl).toBe(created.QueueUrl);
    const missing = await sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })).catch((e) => e);
    expect(missing).toBeInstanceOf(QueueDoesNotExist);
    expect(missing.name).toBe('QueueDoesNotExist');
    expect(missing.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
  });

  it('sends, receives with attributes and checksums, hides in-flight messages and deletes', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'reports-b' }));
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: JSON.stringify({ hello: 'світ' }),
        MessageAttributes: { registry: { DataType: 'String', StringValue: 'Демо-реєстр' } },
      }),
    );
    expect(sent.MessageId).toBeTruthy();
    expect(await count(QueueUrl!)).toBe(1);

    const first = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 30,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    expect(first.Messages).toHaveLength(1);
    const [message] = first.Messages!;
    expect(JSON.parse(message!.Body!)).toEqual({ hello: 'світ' });
    expect(message!.MessageAttributes?.registry?.StringValue).toBe('Демо-реєстр');
    expect(message!.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(sent.MD5OfMessageAttributes).toBe(message!.MD5OfMessageAttributes);

    // Invisible while in flight.
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(second.Messages ?? []).toHaveLength(0);
    expect(await count(QueueUrl!)).toBe(0);

    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message!.ReceiptHandle }));
    const after = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(after.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('0');
    expect(after.Attributes?.QueueArn).toBe('arn:aws:sqs:us-east-1:000000000000:reports-b');
  });

  it('makes a message visible again after its visibility timeout', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'reports-c' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 1 }));
    expect(first.Messages).toHaveLength(1);
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 3 }));
    expect(second.Messages?.[0]?.Body).toBe('again');
    expect(second.Messages?.[0]?.ReceiptHandle).not.toBe(first.Messages?.[0]?.ReceiptHandle);
  });

  it('long-polls: a receive waiting with WaitTimeSeconds gets a message sent meanwhile', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'reports-d' }));
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'late' }));
    expect((await waiting).Messages?.[0]?.Body).toBe('late');
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'reports-dlq' }));
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'reports-e',
        Attributes: {
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:reports-dlq',
            maxReceiveCount: 1,
          }),
        },
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(again.Messages ?? []).toHaveLength(0);
    expect(await count(dlq.QueueUrl!)).toBe(1);
  });

  it('keeps queues and messages across a restart', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'reports-f' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'kept' }));
    await fixture.restart();
    sqs.destroy();
    sqs = new SQSClient(fixture.clientConfig);
    const { QueueUrl: url } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'reports-f' }));
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(out.Messages?.[0]?.Body).toBe('kept');
  });
});
