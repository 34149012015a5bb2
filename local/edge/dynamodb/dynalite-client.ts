// Calls dynalite's JSON API from inside the edge (transactions, TTL sweeps). dynalite checks that a
// request looks signed but never verifies the signature, so a fixed dummy one will do.
import http from 'node:http';

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
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

  constructor(private readonly port: number) {}

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

  send(operation: string, input: Record<string, unknown>): Promise<DynamoResult> {
    const payload = Buffer.from(JSON.stringify(input));
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const headers = {
      'Content-Type': 'application/x-amz-json-1.0',
      'Content-Length': payload.length,
      'X-Amz-Target': `DynamoDB_20120810.${operation}`,
      'X-Amz-Date': amzDate,
      Authorization: `AWS4-HMAC-SHA256 Credential=edge/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
    };
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: this.port, method: 'POST', path: '/', headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 500, body: text ? JSON.parse(text) : {} });
            } catch (err) {
              reject(err);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
