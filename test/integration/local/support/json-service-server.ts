// A minimal stand-in for the edge's JSON-protocol routing, so an AwsJsonService can be tested with the real
// AWS SDK client: op from `X-Amz-Target`, JSON in and out, AwsServiceError as `{ __type, message }`.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AwsJsonService, AwsServiceError } from '../../../../local/edge/aws-json-service';

export interface JsonServiceServer {
  endpoint: string;
  close(): Promise<void>;
}

export async function startJsonServiceServer(service: AwsJsonService): Promise<JsonServiceServer> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.indexOf('.') + 1);
    const reply = (status: number, body: unknown, errorType?: string) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': randomUUID(),
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(JSON.stringify(body));
    };
    try {
      const raw = Buffer.concat(chunks).toString('utf8');
      const input = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
      reply(200, (await service.handle(operation, input)) ?? {});
    } catch (error) {
      if (error instanceof AwsServiceError) {
        reply(error.status, { __type: error.type, message: error.message }, error.type);
      } else {
        reply(500, { __type: 'InternalFailure', message: String(error) }, 'InternalFailure');
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
