import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidEan13 } from '../../../functions/core/checks';
import { derToRawEcdsa } from '../../../functions/core/signing/ecdsa-signature';
import { bootRuntime, callApi } from '../support/runtime';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

describe('the citizen wallet', () => {
  let runtime: Runtime;
  const token = (id: string) => runtime.local.citizens.find((c) => c.citizenId === id)!.token;

  beforeAll(async () => {
    runtime = await bootRuntime();
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('shows the citizen and their documents, with the expired one marked', async () => {
    const me = await callApi(runtime, 'GET', '/v1/me', { token: token('cit_demo_2') });
    expect(me.body).toEqual({ citizenId: 'cit_demo_2', fullName: 'Згурський Олексій Петрович' });
    const list = await callApi<{ items: Array<{ docId: string; status: string; title: string }> }>(
      runtime,
      'GET',
      '/v1/me/documents',
      { token: token('cit_demo_2') },
    );
    expect(list.status).toBe(200);
    expect(list.body.items.find((d) => d.docId === 'doc_demo_2_foreign_passport')).toMatchObject({
      status: 'expired',
    });
    expect(list.body.items.every((d) => d.title.length > 0)).toBe(true);
    const one = await callApi(runtime, 'GET', '/v1/me/documents/doc_demo_2_passport', {
      token: token('cit_demo_2'),
    });
    expect(one.body).toMatchObject({
      type: 'internal-passport',
      data: { surname: 'Згурський' },
      fields: expect.any(Array),
    });
  });

  it('answers 404 for another citizen’s document, and for its barcode', async () => {
    const path1 = '/v1/me/documents/doc_demo_1_passport';
    expect((await callApi(runtime, 'GET', path1, { token: token('cit_demo_2') })).status).toBe(404);
    expect((await callApi(runtime, 'POST', `${path1}/barcodes`, { token: token('cit_demo_2') })).status).toBe(
      404,
    );
    expect(
      (await callApi(runtime, 'GET', '/v1/me/documents/..%2F..%2Fetc', { token: token('cit_demo_2') }))
        .status,
    ).toBe(400);
  });

  it('mints 13-digit EAN-13 barcodes valid for 180 s, a new one replacing the last', async () => {
    const mint = () =>
      callApi(runtime, 'POST', '/v1/me/documents/doc_demo_1_passport/barcodes', {
        token: token('cit_demo_1'),
      });
    const first = await mint();
    expect(first.status).toBe(201);
    expect(isValidEan13(String(first.body.barcode))).toBe(true);
    const lifetime = Date.parse(String(first.body.expiresAt)) - Date.now();
    expect(lifetime).toBeGreaterThan(170_000);
    expect(lifetime).toBeLessThanOrEqual(180_000);
    const second = await mint();
    expect(second.body.barcode).not.toBe(first.body.barcode);
    const validate = (barcode: unknown) =>
      callApi(runtime, 'POST', '/v1/partner/document-validations', {
        token: runtime.local.partner.apiKey,
        body: { branchId: runtime.local.partner.branchId, barcode },
      });
    expect((await validate(first.body.barcode)).status).toBe(404);
    expect((await validate(second.body.barcode)).status).toBe(200);
  });

  it('sets a PIN, refusing trivial ones and changes without the current PIN', async () => {
    const t = token('cit_demo_3');
    for (const pin of ['00000', '11111', '12345', '54321', '1234', '123456', 'abcde']) {
      const answer = await callApi(runtime, 'PUT', '/v1/me/pin', { token: t, body: { pin } });
      expect(answer.status, pin).toBe(400);
    }
    expect((await callApi(runtime, 'PUT', '/v1/me/pin', { token: t, body: { pin: '38104' } })).status).toBe(
      403,
    );
    const wrong = await callApi(runtime, 'PUT', '/v1/me/pin', {
      token: t,
      body: { pin: '38104', currentPin: '99999' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'pin_invalid', attemptsLeft: 4 });
    const seeded = runtime.local.citizens.find((c) => c.citizenId === 'cit_demo_3')!.pin;
    const changed = await callApi(runtime, 'PUT', '/v1/me/pin', {
      token: t,
      body: { pin: '38104', currentPin: seeded },
    });
    expect(changed.status).toBe(204);
    const back = await callApi(runtime, 'PUT', '/v1/me/pin', {
      token: t,
      body: { pin: seeded, currentPin: '38104' },
    });
    expect(back.status).toBe(204);
  });

  it('stores the PIN peppered under a KMS key: the table alone cannot test a PIN', async () => {
    const { DynamoDBClient, ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient, GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const { scryptSync } = await import('node:crypto');
    const client = new DynamoDBClient({
      endpoint: runtime.local.awsEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const [TableName] = (await client.send(new ListTablesCommand({}))).TableNames!;
    const citizen = runtime.local.citizens.find((c) => c.citizenId === 'cit_demo_2')!;
    const { Item } = await DynamoDBDocumentClient.from(client).send(
      new GetCommand({ TableName, Key: { pk: 'CITIZEN#cit_demo_2', sk: 'PIN' } }),
    );
    const [kind, N, r, p, salt, hash] = String(Item?.pinHash).split('$');
    expect(kind).toBe('pscrypt');
    // What an attacker with the table would try: scrypt of the right PIN with the stored salt.
    const guess = scryptSync(citizen.pin, Buffer.from(salt!, 'base64url'), 32, {
      N: Number(N),
      r: Number(r),
      p: Number(p),
      maxmem: 64 * 2 ** 20,
    });
    expect(guess.toString('base64url')).not.toBe(hash);
  });

  it('locks consent after five wrong PINs, even for the right one', async () => {
    const t = token('cit_demo_2');
    const right = runtime.local.citizens.find((c) => c.citizenId === 'cit_demo_2')!.pin;
    const attempt = (currentPin: string) =>
      callApi(runtime, 'PUT', '/v1/me/pin', { token: t, body: { pin: '38104', currentPin } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await attempt('99999'));
    expect(answers.map((a) => a.body.attemptsLeft)).toEqual([4, 3, 2, 1]);
    const fifth = await attempt('99999');
    expect(fifth.status).toBe(423);
    expect(fifth.body).toMatchObject({ code: 'pin_locked' });
    const rightButLocked = await attempt(right);
    expect(rightButLocked.status).toBe(423);
    expect(Number(rightButLocked.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('counts parallel wrong PINs atomically', async () => {
    const t = token('cit_demo_1');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        callApi(runtime, 'PUT', '/v1/me/pin', { token: t, body: { pin: '38104', currentPin: '99999' } }),
      ),
    );
    const invalid = answers.filter((a) => a.status === 403).length;
    expect(invalid).toBeLessThanOrEqual(4);
    expect(answers.filter((a) => a.status === 423).length).toBeGreaterThanOrEqual(8);
  });

  describe('citizen authentication', () => {
    const devKeyId = () =>
      Object.entries(runtime.resolver.env.physicalIds).find(([logicalId]) =>
        logicalId.startsWith('DevIdentity'),
      )![1];
    const signWithDevKey = async (header: Record<string, unknown>, payload: Record<string, unknown>) => {
      const { createHash } = await import('node:crypto');
      const kms = new KMSClient({
        endpoint: runtime.edgeUrl,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const input = `${enc(header)}.${enc(payload)}`;
      const out = await kms.send(
        new SignCommand({
          KeyId: devKeyId(),
          Message: createHash('sha256').update(input).digest(),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      return `${input}.${Buffer.from(derToRawEcdsa(out.Signature!)).toString('base64url')}`;
    };
    const claims = () => {
      const now = Math.floor(Date.now() / 1000);
      return {
        iss: `${runtime.apiUrl}/dev`,
        aud: 'docshare-local',
        sub: 'cit_demo_1',
        iat: now,
        exp: now + 600,
      };
    };
    const kid = () => JSON.parse(Buffer.from(token('cit_demo_1').split('.')[0]!, 'base64url').toString()).kid;

    it('accepts a token signed by the identity provider', async () => {
      const ok = await signWithDevKey({ alg: 'ES256', kid: kid() }, claims());
      expect((await callApi(runtime, 'GET', '/v1/me', { token: ok })).status).toBe(200);
    });

    it('refuses alg none, forged signatures, wrong issuer or audience, and expired tokens with 401', async () => {
      const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const forger = await generateKeyPair('ES256');
      const forged = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'ES256', kid: kid() })
        .sign(forger.privateKey);
      const hmac = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: kid() })
        .sign(Buffer.from(JSON.stringify(await exportJWK(forger.publicKey))));
      const bad = [
        `${enc({ alg: 'none' })}.${enc(claims())}.`,
        forged,
        hmac,
        await signWithDevKey({ alg: 'ES256', kid: kid() }, { ...claims(), iss: 'https://evil.example' }),
        await signWithDevKey({ alg: 'ES256', kid: kid() }, { ...claims(), aud: 'someone-else' }),
        await signWithDevKey(
          { alg: 'ES256', kid: kid() },
          { ...claims(), exp: Math.floor(Date.now() / 1000) - 60 },
        ),
        'garbage',
        runtime.local.partner.apiKey,
      ];
      for (const t of bad) {
        const answer = await callApi(runtime, 'GET', '/v1/me', { token: t });
        expect(answer.status).toBe(401);
        expect(answer.body).toMatchObject({ code: 'unauthorized' });
      }
      expect((await callApi(runtime, 'GET', '/v1/me/documents')).status).toBe(401);
    });

    it('refuses a token once it expires, though it was accepted (and remembered) before', async () => {
      const now = Math.floor(Date.now() / 1000);
      const shortLived = await signWithDevKey({ alg: 'ES256', kid: kid() }, { ...claims(), exp: now + 3 });
      expect((await callApi(runtime, 'GET', '/v1/me', { token: shortLived })).status).toBe(200);
      expect((await callApi(runtime, 'GET', '/v1/me', { token: shortLived })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, (now + 3) * 1000 - Date.now() + 50));
      expect((await callApi(runtime, 'GET', '/v1/me', { token: shortLived })).status).toBe(401);
    });

    it('keeps roles apart: a citizen token is no partner key', async () => {
      expect((await callApi(runtime, 'GET', '/v1/partner', { token: token('cit_demo_1') })).status).toBe(401);
    });
  });

  it('writes no personal data to the Lambda logs', () => {
    const logs = readFileSync(path.join(runtime.dataDir, 'lambda.log'), 'utf8');
    expect(logs.length).toBeGreaterThan(0);
    for (const c of runtime.local.citizens) {
      for (const part of c.fullName.split(' ')) expect(logs).not.toContain(part);
      expect(logs).not.toContain(c.pin);
    }
  });
});
