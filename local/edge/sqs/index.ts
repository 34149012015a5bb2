// The embedded SQS: standard queues over the AWS JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Op>`),
// persisted under <dataDir>/sqs/. Enough of SQS for a registry's inbox: create/find queues, send,
// receive with a visibility timeout and simple long polling, delete, attributes, a dead-letter redrive.
// Not emulated: FIFO ordering/deduplication, batches, server-side encryption (attributes are kept).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AwsJsonService } from '../aws-json-service';
import { AwsServiceError } from '../aws-json-service';
import { sqsRequests } from '../iam/iam-requests';
import { md5Hex, md5OfMessageAttributes } from './checksums';
import { invalidParameter, missingParameter, queueDoesNotExist, sqsError } from './errors';
import { type MessageAttributeValue, QueueStore, type StoredMessage, type StoredQueue } from './queue-store';

type Input = Record<string, unknown>;

const DEFAULTS: Record<string, string> = {
  VisibilityTimeout: '30',
  MessageRetentionPeriod: '345600',
  DelaySeconds: '0',
  MaximumMessageSize: '262144',
  ReceiveMessageWaitTimeSeconds: '0',
};
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const POLL_INTERVAL_MS = 50;

export function createSqsService(opts: {
  dataDir: string;
  region: string;
  accountId: string;
  /** The edge's own URL, known once it listens: queue URLs point back at it. */
  baseUrl: () => string;
}): AwsJsonService {
  const store = new QueueStore(opts.dataDir);
  let closed = false;
  const queueUrl = (name: string) => `${opts.baseUrl()}/${opts.accountId}/${name}`;
  const queueArn = (name: string) => `arn:aws:sqs:${opts.region}:${opts.accountId}:${name}`;

  /** A QueueUrl's last path segment is the queue's name (the host may be AWS's or ours). */
  function queueOf(input: Input): StoredQueue {
    const url = input.QueueUrl;
    if (typeof url !== 'string' || url === '') throw missingParameter('QueueUrl');
    const queue = store.queues.get(url.split('/').pop() ?? '');
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  function attribute(queue: StoredQueue, name: string): number {
    return Number(queue.attributes[name] ?? DEFAULTS[name] ?? 0);
  }

  /** Drops messages past the retention period, as SQS does. */
  function expireOld(queue: StoredQueue, now: number): void {
    const retentionMs = attribute(queue, 'MessageRetentionPeriod') * 1000;
    queue.messages = queue.messages.filter((message) => now - message.sentAt < retentionMs);
  }

  /** Moves messages received maxReceiveCount times to the dead-letter queue of the RedrivePolicy. */
  function redrive(queue: StoredQueue, message: StoredMessage): boolean {
    const policy = queue.attributes.RedrivePolicy;
    if (!policy) return false;
    const { deadLetterTargetArn, maxReceiveCount } = JSON.parse(policy) as {
      deadLetterTargetArn: string;
      maxReceiveCount: number | string;
    };
    if (message.receiveCount < Number(maxReceiveCount)) return false;
    const target = store.queues.get(deadLetterTargetArn.split(':').pop() ?? '');
    if (!target) return false;
    queue.messages = queue.messages.filter((m) => m !== message);
    target.messages.push({ ...message, visibleAt: 0, receiptHandle: undefined });
    return true;
  }

  function receiveNow(queue: StoredQueue, input: Input): Record<string, unknown>[] {
    const now = Date.now();
    expireOld(queue, now);
    const max = Number(input.MaxNumberOfMessages ?? 1);
    if (!Number.isInteger(max) || max < 1 || max > 10)
      throw invalidParameter('MaxNumberOfMessages must be between 1 and 10.');
    const visibility = Number(input.VisibilityTimeout ?? attribute(queue, 'VisibilityTimeout'));
    const wantedAttributes = new Set(
      [
        ...((input.MessageSystemAttributeNames as string[] | undefined) ?? []),
        ...((input.AttributeNames as string[] | undefined) ?? []),
      ].map(String),
    );
    const wantedMessageAttributes = (input.MessageAttributeNames as string[] | undefined) ?? [];
    const received: Record<string, unknown>[] = [];
    for (const message of [...queue.messages]) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      if (redrive(queue, message)) continue;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibility * 1000;
      message.receiptHandle = Buffer.from(`${queue.name} ${message.messageId} ${randomUUID()}`).toString(
        'base64',
      );
      received.push(view(message, wantedAttributes, wantedMessageAttributes));
    }
    store.save();
    return received;
  }

  const operations: Record<string, (input: Input) => unknown | Promise<unknown>> = {
    CreateQueue(input) {
      const name = String(input.QueueName ?? '');
      if (!QUEUE_NAME.test(name)) throw invalidParameter(`Invalid queue name: ${name}`);
      const attributes = stringRecord(input.Attributes);
      const existing = store.queues.get(name);
      if (existing) {
        const differs = Object.entries(attributes).some(([key, value]) => existing.attributes[key] !== value);
        if (differs)
          throw sqsError(
            'QueueNameExists',
            'QueueAlreadyExists',
            `A queue already exists with the same name and a different value for attribute(s)`,
          );
        return { QueueUrl: queueUrl(name) };
      }
      const now = Date.now();
      store.queues.set(name, {
        name,
        createdAt: now,
        lastModifiedAt: now,
        attributes,
        tags: stringRecord(input.tags),
        messages: [],
      });
      store.save();
      return { QueueUrl: queueUrl(name) };
    },

    GetQueueUrl(input) {
      const name = String(input.QueueName ?? '');
      if (!store.queues.has(name)) throw queueDoesNotExist();
      return { QueueUrl: queueUrl(name) };
    },

    ListQueues(input) {
      const prefix = String(input.QueueNamePrefix ?? '');
      const names = [...store.queues.keys()].filter((name) => name.startsWith(prefix)).sort();
      return { QueueUrls: names.map(queueUrl) };
    },

    DeleteQueue(input) {
      store.queues.delete(queueOf(input).name);
      store.save();
      return {};
    },

    PurgeQueue(input) {
      queueOf(input).messages = [];
      store.save();
      return {};
    },

    SetQueueAttributes(input) {
      const queue = queueOf(input);
      Object.assign(queue.attributes, stringRecord(input.Attributes));
      queue.lastModifiedAt = Date.now();
      store.save();
      return {};
    },

    GetQueueAttributes(input) {
      const queue = queueOf(input);
      const now = Date.now();
      expireOld(queue, now);
      const all: Record<string, string> = {
        ...DEFAULTS,
        ...queue.attributes,
        QueueArn: queueArn(queue.name),
        CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
        LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
        ApproximateNumberOfMessages: String(queue.messages.filter((m) => m.visibleAt <= now).length),
        ApproximateNumberOfMessagesNotVisible: String(
          queue.messages.filter((m) => m.visibleAt > now && m.receiveCount > 0).length,
        ),
        ApproximateNumberOfMessagesDelayed: String(
          queue.messages.filter((m) => m.visibleAt > now && m.receiveCount === 0).length,
        ),
      };
      const names = (input.AttributeNames as string[] | undefined) ?? [];
      const wanted = names.includes('All') ? Object.keys(all) : names;
      return { Attributes: Object.fromEntries(wanted.filter((n) => n in all).map((n) => [n, all[n]])) };
    },

    SendMessage(input) {
      const queue = queueOf(input);
      if (typeof input.MessageBody !== 'string' || input.MessageBody === '')
        throw missingParameter('MessageBody');
      const body = input.MessageBody;
      if (Buffer.byteLength(body) > attribute(queue, 'MaximumMessageSize'))
        throw invalidParameter('One or more parameters are invalid. Reason: Message must be shorter.');
      const delay = Number(input.DelaySeconds ?? attribute(queue, 'DelaySeconds'));
      const messageAttributes = input.MessageAttributes as Record<string, MessageAttributeValue> | undefined;
      const hasAttributes = messageAttributes && Object.keys(messageAttributes).length > 0;
      const now = Date.now();
      const message: StoredMessage = {
        messageId: randomUUID(),
        body,
        md5OfBody: md5Hex(body),
        ...(hasAttributes
          ? { messageAttributes, md5OfMessageAttributes: md5OfMessageAttributes(messageAttributes) }
          : {}),
        sentAt: now,
        visibleAt: now + delay * 1000,
        receiveCount: 0,
      };
      queue.messages.push(message);
      store.save();
      return {
        MessageId: message.messageId,
        MD5OfMessageBody: message.md5OfBody,
        ...(message.md5OfMessageAttributes ? { MD5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
      };
    },

    async ReceiveMessage(input) {
      const queue = queueOf(input);
      const waitSeconds = Math.min(
        20,
        Number(input.WaitTimeSeconds ?? attribute(queue, 'ReceiveMessageWaitTimeSeconds')),
      );
      const deadline = Date.now() + waitSeconds * 1000;
      // Long polling, kept simple: look again every 50 ms until a message shows or the wait ends.
      for (;;) {
        const messages = receiveNow(queueOf(input), input);
        if (messages.length > 0 || Date.now() >= deadline || closed) return { Messages: messages };
        await sleep(POLL_INTERVAL_MS);
      }
    },

    DeleteMessage(input) {
      const queue = queueOf(input);
      const handle = input.ReceiptHandle;
      if (typeof handle !== 'string' || handle === '') throw missingParameter('ReceiptHandle');
      const [queueName, messageId] = Buffer.from(handle, 'base64').toString('utf8').split(' ');
      if (queueName !== queue.name || !messageId)
        throw sqsError(
          'ReceiptHandleIsInvalid',
          'ReceiptHandleIsInvalid',
          'The receipt handle is not valid.',
        );
      // A stale handle of a message still there is accepted, as SQS does.
      queue.messages = queue.messages.filter((message) => message.messageId !== messageId);
      store.save();
      return {};
    },

    ChangeMessageVisibility(input) {
      const queue = queueOf(input);
      const message = queue.messages.find((m) => m.receiptHandle === input.ReceiptHandle);
      if (!message || message.visibleAt <= Date.now())
        throw sqsError(
          'MessageNotInflight',
          'AWS.SimpleQueueService.MessageNotInflight',
          'Message not in flight.',
        );
      message.visibleAt = Date.now() + Number(input.VisibilityTimeout ?? 0) * 1000;
      store.save();
      return {};
    },
  };

  return {
    iamRequests: (operation, input, scope) => sqsRequests(operation, input, scope),
    async handle(operation, input) {
      const run = operations[operation];
      if (!run)
        throw new AwsServiceError(
          'com.amazonaws.sqs#UnsupportedOperation',
          `SQS ${operation} is not emulated locally`,
          400,
          { 'x-amzn-query-error': 'AWS.SimpleQueueService.UnsupportedOperation;Sender' },
        );
      return run(input);
    },
    async close() {
      closed = true;
    },
  };
}

function view(
  message: StoredMessage,
  wantedAttributes: Set<string>,
  wantedMessageAttributes: string[],
): Record<string, unknown> {
  const system: Record<string, string> = {
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
    SenderId: '000000000000',
  };
  const all = wantedAttributes.has('All');
  const attributes = Object.fromEntries(
    Object.entries(system).filter(([name]) => all || wantedAttributes.has(name)),
  );
  const everyAttribute = wantedMessageAttributes.some((name) => name === 'All' || name === '.*');
  const messageAttributes = Object.fromEntries(
    Object.entries(message.messageAttributes ?? {}).filter(
      ([name]) =>
        everyAttribute ||
        wantedMessageAttributes.some((wanted) =>
          wanted.endsWith('.*') ? name.startsWith(wanted.slice(0, -1)) : wanted === name,
        ),
    ),
  );
  const hasAttributes = Object.keys(messageAttributes).length > 0;
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...(hasAttributes
      ? {
          MessageAttributes: messageAttributes,
          MD5OfMessageAttributes: md5OfMessageAttributes(messageAttributes),
        }
      : {}),
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}
