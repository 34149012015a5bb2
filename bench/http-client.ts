import http from 'node:http';

// The benchmark's load generator shares the 2 cores with the service it measures, so it should cost
// as little as it can: node:http on a keep-alive agent costs about a third of a millisecond less
// per call than fetch (undici and its web streams). Tests keep using fetch (callApi).

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface BenchAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
}

export function benchCall(
  baseUrl: string,
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown } = {},
): Promise<BenchAnswer> {
  const url = new URL(pathname, baseUrl);
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const headers: Record<string, string | number> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = payload.length;
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> | undefined;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: response.statusCode ?? 0, body });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
