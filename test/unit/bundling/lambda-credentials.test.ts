import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultProvider } from '../../../functions/bundling/lambda-credentials';

// The bundles' credential chain: the environment, as Lambda sets it, else a container endpoint.

const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];

function clearCredentialEnvironment() {
  for (const name of CREDENTIAL_VARIABLES) vi.stubEnv(name, undefined);
}

afterEach(() => vi.unstubAllEnvs());

describe('Lambda credentials', () => {
  it('reads the role’s credentials from the environment, as Lambda hands them over', async () => {
    clearCredentialEnvironment();
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'session');
    await expect(defaultProvider()()).resolves.toMatchObject({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'session',
    });
  });

  it('refuses with the SDK’s own error when there is neither environment nor endpoint', async () => {
    clearCredentialEnvironment();
    await expect(defaultProvider()()).rejects.toMatchObject({ name: 'CredentialsProviderError' });
  });

  it('asks a container credentials endpoint when the environment has no keys', async () => {
    clearCredentialEnvironment();
    const expiration = new Date(Date.now() + 3_600_000);
    const endpoint = await startCredentialsEndpoint(() => expiration);
    try {
      vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', endpoint.url);
      const credentials = await defaultProvider()();
      expect(credentials).toMatchObject({ accessKeyId: 'ASIACONTAINER1', sessionToken: 't' });
      expect(credentials.expiration?.toISOString()).toBe(expiration.toISOString());
    } finally {
      endpoint.close();
    }
  });

  it('reads the environment once, as the default chain does, however many requests sign with it', async () => {
    clearCredentialEnvironment();
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAFIRST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    const provider = defaultProvider();
    expect((await provider()).accessKeyId).toBe('ASIAFIRST');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIASECOND');
    expect((await provider()).accessKeyId).toBe('ASIAFIRST');
    expect((await provider({ forceRefresh: true })).accessKeyId).toBe('ASIASECOND');
  });

  it('asks the container endpoint once while its credentials last, and again five minutes before they expire', async () => {
    clearCredentialEnvironment();
    vi.useFakeTimers({ toFake: ['Date'] });
    const endpoint = await startCredentialsEndpoint(() => new Date(Date.now() + 3_600_000));
    try {
      vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', endpoint.url);
      const provider = defaultProvider();
      await Promise.all([provider(), provider(), provider()]);
      expect((await provider()).accessKeyId).toBe('ASIACONTAINER1');
      expect(endpoint.calls()).toBe(1);

      vi.setSystemTime(Date.now() + 54 * 60_000);
      expect((await provider()).accessKeyId).toBe('ASIACONTAINER1');
      vi.setSystemTime(Date.now() + 2 * 60_000);
      // Four minutes left: inside the five-minute margin, so this request fetches fresh ones.
      expect((await provider()).accessKeyId).toBe('ASIACONTAINER2');
      expect((await provider()).accessKeyId).toBe('ASIACONTAINER2');
      expect(endpoint.calls()).toBe(2);
    } finally {
      vi.useRealTimers();
      endpoint.close();
    }
  });
});

/** A container credentials endpoint that numbers the keys it hands out. */
async function startCredentialsEndpoint(expiration: () => Date) {
  let calls = 0;
  const server = createServer((_request, response) => {
    calls += 1;
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({
        AccessKeyId: `ASIACONTAINER${calls}`,
        SecretAccessKey: 's',
        Token: 't',
        Expiration: expiration().toISOString(),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/credentials`, calls: () => calls, close: () => server.close() };
}
