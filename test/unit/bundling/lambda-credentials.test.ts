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
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          AccessKeyId: 'ASIACONTAINER',
          SecretAccessKey: 's',
          Token: 't',
          Expiration: expiration,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', `http://127.0.0.1:${port}/credentials`);
      const credentials = await defaultProvider()();
      expect(credentials).toMatchObject({ accessKeyId: 'ASIACONTAINER', sessionToken: 't' });
      expect(credentials.expiration?.toISOString()).toBe(expiration);
    } finally {
      server.close();
    }
  });
});
