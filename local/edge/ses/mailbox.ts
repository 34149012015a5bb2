// Every message sent through the edge, in LocalStack's `/_aws/ses` shape, kept across restarts:
// one JSON line per message in messages.jsonl and the MIME message as <Id>.eml beside it.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SentMessage {
  Id: string;
  Region: string;
  Source: string;
  Destination: { ToAddresses: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Subject: string;
  Body: { text_part: string | null; html_part: string | null };
  /** The whole MIME message of a raw send, attachments included. */
  RawData?: string;
  Timestamp: string;
}

export interface MessageFilter {
  id?: string;
  /** LocalStack's filter: the sender's address. */
  email?: string;
  /** This edge's addition: any recipient's address. */
  to?: string;
}

const ADDRESS = /[^\s<>,;"]+@[^\s<>,;"]+/g;

/** Bare addresses from header-style text such as `"Ann" <ann@example.org>, bob@example.org`. */
export function addressesIn(text: string): string[] {
  return [...text.matchAll(ADDRESS)].map((match) => match[0].toLowerCase());
}

export class Mailbox {
  private messages: SentMessage[] = [];
  private readonly log: string;

  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
    this.log = join(folder, 'messages.jsonl');
    if (existsSync(this.log)) {
      for (const line of readFileSync(this.log, 'utf8').split('\n')) {
        if (line.trim()) this.messages.push(JSON.parse(line) as SentMessage);
      }
    }
  }

  add(message: SentMessage, eml: Buffer): void {
    writeFileSync(this.emlPath(message.Id), eml);
    appendFileSync(this.log, `${JSON.stringify(message)}\n`);
    this.messages.push(message);
  }

  list(filter: MessageFilter = {}): SentMessage[] {
    const sender = filter.email?.toLowerCase();
    const recipient = filter.to?.toLowerCase();
    return this.messages.filter(
      (message) =>
        (!filter.id || message.Id === filter.id) &&
        (!sender ||
          message.Source.toLowerCase() === sender ||
          addressesIn(message.Source).includes(sender)) &&
        (!recipient || recipientsOf(message).includes(recipient)),
    );
  }

  /** Deletes one message, or all of them when no id is given. */
  clear(id?: string): void {
    const removed = this.messages.filter((message) => !id || message.Id === id);
    this.messages = id ? this.messages.filter((message) => message.Id !== id) : [];
    for (const message of removed) rmSync(this.emlPath(message.Id), { force: true });
    writeFileSync(this.log, this.messages.map((message) => `${JSON.stringify(message)}\n`).join(''));
  }

  sentSince(sinceMs: number): number {
    return this.messages.filter((message) => Date.parse(message.Timestamp) >= sinceMs).length;
  }

  eml(id: string): Buffer | undefined {
    if (!this.messages.some((message) => message.Id === id)) return undefined;
    const path = this.emlPath(id);
    return existsSync(path) ? readFileSync(path) : undefined;
  }

  private emlPath(id: string): string {
    return join(this.folder, `${id.replace(/[^\w.-]/g, '_')}.eml`);
  }
}

function recipientsOf(message: SentMessage): string[] {
  const { ToAddresses, CcAddresses = [], BccAddresses = [] } = message.Destination;
  return [...ToAddresses, ...CcAddresses, ...BccAddresses].flatMap(addressesIn);
}
