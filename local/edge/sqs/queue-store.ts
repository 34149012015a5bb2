// Queues and their messages, persisted as one JSON file under <dataDir>/sqs/ and rewritten atomically
// after every change. A laptop's error-report queue holds a handful of messages: simplicity beats speed.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
  md5OfMessageAttributes?: string;
  sentAt: number;
  /** Epoch ms when the message may next be received (delay or visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The handle of the latest receive; deleting needs it, as on AWS. */
  receiptHandle?: string;
}

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface StoredQueue {
  name: string;
  createdAt: number;
  lastModifiedAt: number;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  messages: StoredMessage[];
}

interface StoreFile {
  version: 1;
  queues: StoredQueue[];
}

export class QueueStore {
  readonly queues = new Map<string, StoredQueue>();
  private readonly file: string;

  constructor(dataDir: string) {
    const dir = join(dataDir, 'sqs');
    this.file = join(dir, 'queues.json');
    mkdirSync(dir, { recursive: true });
    let stored: StoreFile | undefined;
    try {
      stored = JSON.parse(readFileSync(this.file, 'utf8')) as StoreFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const queue of stored?.queues ?? []) this.queues.set(queue.name, queue);
  }

  save(): void {
    const contents: StoreFile = { version: 1, queues: [...this.queues.values()] };
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(contents), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
