import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { KMSClient, ListAliasesCommand, SignCommand } from '@aws-sdk/client-kms';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAccessKeyId, readIamDirectory } from '../../../local/runtime/iam-directory';
import { bootRuntime, callApi } from '../support/runtime';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

/** fetch() will not send a Host of our choosing; node:http will, as a browser after DNS rebinding does. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the local runtime', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await bootRuntime();
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  const aws = () => ({
    endpoint: runtime.edgeUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

  it('answers GET /health', async () => {
    const answer = await callApi(runtime, 'GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });

  it('writes local.json as api.md describes, with three citizens holding all eight document types', () => {
    const local = JSON.parse(readFileSync(path.join(runtime.dataDir, 'local.json'), 'utf8'));
    expect(local).toMatchObject({
      apiUrl: runtime.apiUrl,
      awsEndpoint: runtime.edgeUrl,
      partner: {
        partnerId: expect.any(String),
        apiKey: expect.stringMatching(/^dsk_/),
        webhookSecret: expect.any(String),
        encryptionPrivateJwk: expect.objectContaining({ kty: 'EC', d: expect.any(String) }),
        branchId: expect.any(String),
        offerId: expect.any(String),
      },
    });
    expect(local.citizens.length).toBeGreaterThanOrEqual(3);
    for (const citizen of local.citizens) {
      expect(citizen).toMatchObject({
        citizenId: expect.any(String),
        fullName: expect.stringMatching(/[А-ЯІЇЄҐ]/),
        pin: expect.stringMatching(/^\d{5}$/),
        token: expect.any(String),
      });
    }
    const types = new Set(
      local.citizens.flatMap((c: { documents: { type: string }[] }) => c.documents.map((d) => d.type)),
    );
    expect(types.size).toBe(8);
  });

  it('authenticates the seeded partner key and refuses a missing or wrong one with problem+json', async () => {
    const ok = await callApi(runtime, 'GET', '/v1/partner', { token: runtime.local.partner.apiKey });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ partnerId: runtime.local.partner.partnerId, name: expect.any(String) });

    for (const token of [undefined, 'dsk_0000000000000000000000000000000000000000', 'not-a-key']) {
      const refused = await callApi(runtime, 'GET', '/v1/partner', { token });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.body).toMatchObject({ status: 401, code: 'unauthorized' });
    }
  });

  it('publishes OpenAPI 3.1 generated from the route schemas', async () => {
    const answer = await callApi<{ openapi: string; paths: Record<string, unknown> }>(
      runtime,
      'GET',
      '/openapi.json',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    expect(Object.keys(answer.body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/v1/partner',
        '/v1/partner/branches',
        '/v1/me/documents/{docId}/barcodes',
      ]),
    );
    expect(Object.keys(answer.body.paths).some((p) => p.startsWith('/dev/'))).toBe(false);
  });

  it('shows the stack’s resources to AWS SDK clients pointed at the edge', async () => {
    const tables = await new DynamoDBClient(aws()).send(new ListTablesCommand({}));
    expect(tables.TableNames?.some((name) => name.startsWith('DataTable'))).toBe(true);
    const buckets = await new S3Client({ ...aws(), forcePathStyle: true }).send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.some((bucket) => bucket.Name?.startsWith('docshare-datacopies'))).toBe(true);
    const aliases = await new KMSClient(aws()).send(new ListAliasesCommand({}));
    expect(aliases.Aliases?.some((alias) => alias.AliasName?.includes('SigningKey'))).toBe(true);
    const machines = await new SFNClient(aws()).send(new ListStateMachinesCommand({}));
    expect(machines.stateMachines?.some((machine) => machine.name?.startsWith('Consent'))).toBe(true);
    const ses = (await fetch(`${runtime.edgeUrl}/_aws/ses`).then((response) => response.json())) as {
      messages: unknown;
    };
    expect(Array.isArray(ses.messages)).toBe(true);
  });

  it('issues dev citizen tokens for seeded citizens only, and validates the body', async () => {
    const ok = await callApi(runtime, 'POST', '/dev/citizen-token', { body: { citizenId: 'cit_demo_1' } });
    expect(ok.status).toBe(200);
    const me = await callApi(runtime, 'GET', '/v1/me', { token: String(ok.body.token) });
    expect(me.body).toMatchObject({ citizenId: 'cit_demo_1' });
    expect(
      (await callApi(runtime, 'POST', '/dev/citizen-token', { body: { citizenId: 'nobody' } })).status,
    ).toBe(404);
    expect(
      (await callApi(runtime, 'POST', '/dev/citizen-token', { body: { citizenId: 'x', extra: 1 } })).status,
    ).toBe(400);
    expect(
      (await callApi(runtime, 'POST', '/dev/citizen-token', { body: { citizenId: '../x' } })).status,
    ).toBe(400);
  });

  it('refuses requests addressed to another host, as a DNS-rebinding page would send them', async () => {
    for (const base of [runtime.apiUrl, runtime.edgeUrl]) {
      expect(await statusWithHost(`${base}/health`, 'evil.example')).toBe(403);
      expect(await statusWithHost(`${base}/health`, '127.0.0.1.evil.example:80')).toBe(403);
      expect(await statusWithHost(`${base}/_localstack/health`, 'localhost.')).toBe(403);
      expect(await statusWithHost(`${base}/health`, new URL(base).host)).not.toBe(403);
    }
  });

  it('answers 503 problem+json with Retry-After, never a bare 500, while DynamoDB is down (chaos API)', async () => {
    const faults = `${runtime.local.awsEndpoint}/_localstack/chaos/faults`;
    const set = (rules: unknown[]) =>
      fetch(faults, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rules),
      });
    expect(
      (await set([{ service: 'dynamodb', error: { statusCode: 503, code: 'ServiceUnavailable' } }])).status,
    ).toBe(200);
    try {
      for (const [path, token] of [
        ['/v1/partner', runtime.local.partner.apiKey],
        ['/v1/me/documents', runtime.local.citizens[0]!.token],
      ] as const) {
        const answer = await callApi(runtime, 'GET', path, { token });
        expect(answer.status, path).toBe(503);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.body).toMatchObject({ status: 503, code: 'service_unavailable' });
      }
    } finally {
      await set([]);
    }
    expect(
      (await callApi(runtime, 'GET', '/v1/partner', { token: runtime.local.partner.apiKey })).status,
    ).toBe(200);
  });

  it('judges each function’s AWS calls by its own role from the template, as AWS does', async () => {
    const functions = runtime.lambdas.functionNames();
    const named = (prefix: string) => {
      const found = functions.find((name) => name.startsWith(prefix));
      if (!found) throw new Error(`no function ${prefix}* in the template`);
      return found;
    };
    const as = (functionName: string) => ({
      ...aws(),
      maxAttempts: 1,
      credentials: { accessKeyId: localAccessKeyId(functionName), secretAccessKey: 'x' },
    });
    // Every function signs with its own key, which the edge maps to the function's role.
    expect(readIamDirectory(runtime.resolver).sessions.size).toBe(functions.length);

    const [[table]] = runtime.resolver.resourcesOfType('AWS::DynamoDB::Table') as [[string, unknown]];
    const health = named('PublicHealth');
    const write = await new DynamoDBClient(as(health))
      .send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'iam-probe' }, sk: { S: 'x' } } }))
      .then(
        () => undefined,
        (err: Error) => err,
      );
    expect(write?.name).toBe('AccessDeniedException');
    expect(write?.message).toContain(`assumed-role/`);
    expect(write?.message).toContain(`/${health} is not authorized to perform: dynamodb:PutItem`);

    const [[signingKeyId]] = runtime.resolver
      .resourcesOfType('AWS::KMS::Key')
      .filter(([id]) => id.startsWith('KeysSigningKey')) as [[string, unknown]];
    const sign = (functionName: string) =>
      new KMSClient(as(functionName)).send(
        new SignCommand({
          KeyId: runtime.resolver.ref(signingKeyId),
          Message: new Uint8Array(32),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
    // The copy issuer may sign with the copy key; a public verifier may not.
    expect((await sign(named('CopiesIssueCopies'))).Signature?.length).toBeGreaterThan(0);
    const verifierSign = await sign(named('CopiesVerifyPdf')).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(verifierSign?.name).toBe('AccessDeniedException');
  });

  it('answers unknown routes with 404', async () => {
    expect((await callApi(runtime, 'GET', '/v1/nothing-here')).status).toBe(404);
  });
});

describe('restarting the local runtime', () => {
  it('keeps data, keys and the partner’s API key', async () => {
    const first = await bootRuntime();
    const dataDir = first.dataDir;
    const apiKey = first.local.partner.apiKey;
    const branch = await callApi(first, 'POST', '/v1/partner/branches', {
      token: apiKey,
      body: {
        name: 'Persisted',
        email: 'p@example.org',
        address: 'Київ',
        documentTypes: ['internal-passport'],
      },
    });
    expect(branch.status).toBe(201);
    await first.close();

    const steps: string[] = [];
    const second = await bootRuntime(dataDir, undefined, (step) => steps.push(step));
    // npm start prints each step as it begins, so a first start is never silent.
    expect(steps).toEqual(['synth', 'edge', 'provision', 'functions', 'seed', 'ready']);
    try {
      expect(second.local.partner.apiKey).toBe(apiKey);
      const again = await callApi(second, 'GET', `/v1/partner/branches/${branch.body.branchId}`, {
        token: apiKey,
      });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ name: 'Persisted' });
      const me = await callApi(second, 'GET', '/v1/me', { token: second.local.citizens[0]!.token });
      expect(me.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
