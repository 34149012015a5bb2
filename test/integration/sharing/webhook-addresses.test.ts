import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../../../functions/adapters/webhook/post-webhook';
import { publicAddressLookup } from '../../../functions/adapters/webhook/public-address-lookup';

// A name is resolved once, by the socket's own resolver, and the connection goes to exactly the
// address that was checked: a name pointing (or rebinding) at an internal address is never reached.
const resolverOf =
  (table: Record<string, string>) =>
  (
    hostname: string,
    _options: unknown,
    callback: (e: NodeJS.ErrnoException | null, a: { address: string; family: number }[]) => void,
  ) => {
    const address = table[hostname];
    if (!address) return callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
  };

describe('webhook delivery to checked addresses only', () => {
  let server: Server;
  let port: number;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      response.writeHead(204).end();
    });
    server.on('connection', () => {
      connections++;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (url: string, allowLoopback: boolean, table: Record<string, string>) =>
    postWebhook(
      url,
      'whsec_test',
      { event: 'request.delivered', eventId: 'evt_1', requestId: 'req-1' },
      { event: 'request.delivered' },
      {
        allowLoopback,
        lookup: publicAddressLookup(allowLoopback, resolverOf(table) as never),
      },
    );

  it('connects to the address its own resolver checked', async () => {
    const before = connections;
    await expect(
      send(`http://receiver.localhost:${port}/hook`, true, { 'receiver.localhost': '127.0.0.1' }),
    ).resolves.toBe(204);
    expect(connections).toBe(before + 1);
  });

  it('never connects when the name resolves to an internal address, and says only "no answer"', async () => {
    const before = connections;
    const attempt = send(`https://rebound.bank.example:${port}/hook`, false, {
      'rebound.bank.example': '127.0.0.1',
    });
    await expect(attempt).rejects.toThrow(/^No answer from the receiver$/);
    const metadata = send(`https://meta.bank.example:${port}/`, false, {
      'meta.bank.example': '169.254.169.254',
    });
    await expect(metadata).rejects.toThrow(/^No answer from the receiver$/);
    expect(connections).toBe(before);
  });

  it('refuses a literal internal address at delivery even if it was stored before the rules', async () => {
    const before = connections;
    await expect(send(`https://[::ffff:7f00:1]:${port}/hook`, false, {})).rejects.toThrow(
      /^No answer from the receiver$/,
    );
    expect(connections).toBe(before);
  });

  it('reads the same for a name that does not resolve', async () => {
    await expect(send('https://nowhere.bank.example/hook', false, {})).rejects.toThrow(
      /^No answer from the receiver$/,
    );
  });
});
