// Calls dynalite's JSON API from inside the edge (transactions, TTL sweeps), in process. dynalite checks
// that a request looks signed but never verifies the signature, so a fixed dummy one will do.
import type { DynaliteBackend } from './dynalite-backend';

export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

export interface DynamoResult {
  status: number;
  body: Record<string, unknown>;
}

/** An error answered by dynalite, with the short AWS type (`ConditionalCheckFailedException`). */
export class DynamoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = type;
  }
}

export class DynaliteClient {
  constructor(private readonly backend: Pick<DynaliteBackend, 'answer'>) {}

  /** Calls an operation; resolves with the answer, or throws DynamoError for an error answer. */
  async call(operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { status, body } = await this.send(operation, input);
    if (status >= 400) {
      const type =
        String(body['__type'] ?? 'InternalFailure')
          .split('#')
          .pop() ?? 'InternalFailure';
      throw new DynamoError(type, String(body['message'] ?? body['Message'] ?? type), status);
    }
    return body;
  }

  async send(operation: string, input: Record<string, unknown>): Promise<DynamoResult> {
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const headers = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      'x-amz-date': amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=edge/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
    };
    const { status, text } = await this.backend.answer(headers, Buffer.from(JSON.stringify(input)));
    return { status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
}
