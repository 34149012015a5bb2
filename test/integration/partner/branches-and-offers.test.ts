import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartner } from '../support/partners';
import { bootRuntime, callApi } from '../support/runtime';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

const branch = (overrides: Record<string, unknown> = {}) => ({
  name: 'Відділення на Подолі',
  email: 'podil@bank.example',
  address: 'м. Київ, вул. Сагайдачного, 10',
  documentTypes: ['internal-passport', 'taxpayer-card'],
  ...overrides,
});

describe('partner branches and offers', () => {
  let runtime: Runtime;
  let key: string;
  let hotel: { apiKey: string };
  beforeAll(async () => {
    runtime = await bootRuntime();
    key = runtime.local.partner.apiKey;
    hotel = await createPartner(runtime, 'Готель «Дніпро»', ['internal-passport', 'foreign-passport']);
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('creates, reads, replaces and deletes a branch', async () => {
    const created = await callApi(runtime, 'POST', '/v1/partner/branches', { token: key, body: branch() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      branchId: expect.stringMatching(/^br_/),
      name: 'Відділення на Подолі',
    });
    expect(created.body).not.toHaveProperty('partnerId');
    const path = `/v1/partner/branches/${created.body.branchId}`;

    expect((await callApi(runtime, 'GET', path, { token: key })).body).toMatchObject({
      email: 'podil@bank.example',
    });
    const replaced = await callApi(runtime, 'PUT', path, { token: key, body: branch({ name: 'Поділ-2' }) });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: 'Поділ-2' });
    expect((await callApi(runtime, 'DELETE', path, { token: key })).status).toBe(204);
    expect((await callApi(runtime, 'GET', path, { token: key })).status).toBe(404);
    expect((await callApi(runtime, 'DELETE', path, { token: key })).status).toBe(404);
  });

  it('refuses malformed, incomplete, hostile and unknown-field bodies with 400 and writes nothing', async () => {
    const before = await callApi<{ items: unknown[] }>(runtime, 'GET', '/v1/partner/branches?limit=100', {
      token: key,
    });
    const bad: unknown[] = [
      {},
      branch({ email: 'not-an-email' }),
      branch({ documentTypes: [] }),
      branch({ documentTypes: ['pilot-license'] }),
      branch({ callbackUrl: 'http://bank.example/hook' }),
      branch({ callbackUrl: 'https://10.0.0.5/hook' }),
      branch({ callbackUrl: 'https://[::ffff:a9fe:a9fe]/latest/meta-data' }),
      branch({ callbackUrl: 'https://0xa9fea9fe/latest/meta-data' }),
      branch({ callbackUrl: 'https://[fd00::1]/hook' }),
      branch({ callbackUrl: 'https://100.64.0.1/hook' }),
      branch({ callbackUrl: 'https://user:pass@bank.example/hook' }),
      branch({ callbackUrl: 'javascript:alert(1)' }),
      branch({ isAdmin: true }),
      branch({ name: '' }),
      branch({ name: 'x'.repeat(201) }),
      [branch()],
    ];
    for (const body of bad) {
      const answer = await callApi(runtime, 'POST', '/v1/partner/branches', { token: key, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({ code: 'invalid_request', errors: expect.any(Array) });
    }
    const notJson = await callApi(runtime, 'POST', '/v1/partner/branches', {
      token: key,
      rawBody: '{"name": ',
      contentType: 'application/json',
    });
    expect(notJson.status).toBe(400);
    const wrongType = await callApi(runtime, 'POST', '/v1/partner/branches', {
      token: key,
      rawBody: 'name=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(wrongType.status).toBe(415);
    const huge = await callApi(runtime, 'POST', '/v1/partner/branches', {
      token: key,
      body: branch({ address: 'а'.repeat(1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'payload_too_large' });
    const after = await callApi<{ items: unknown[] }>(runtime, 'GET', '/v1/partner/branches?limit=100', {
      token: key,
    });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('refuses bidi overrides and control characters in text a citizen reads, naming the field', async () => {
    // "Банк ‮moc.knab" displays as "Банк bank.com" on a consent screen; a newline splits a PDF line.
    const spoofs: [Record<string, unknown>, string][] = [
      [branch({ name: 'Банк \u202Emoc.knab' }), 'body.name'],
      [branch({ name: 'Банк\u2066 Довіра' }), 'body.name'],
      [branch({ address: 'вул. Банкова\n1' }), 'body.address'],
      [branch({ address: 'вул. Банкова\u0000' }), 'body.address'],
    ];
    for (const [body, path] of spoofs) {
      const answer = await callApi(runtime, 'POST', '/v1/partner/branches', { token: key, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({
        code: 'invalid_request',
        errors: [expect.objectContaining({ path })],
      });
    }
    const created = await callApi(runtime, 'POST', '/v1/partner/branches', { token: key, body: branch() });
    const offer = await callApi(runtime, 'POST', `/v1/partner/branches/${created.body.branchId}/offers`, {
      token: key,
      body: { name: 'Кредит', purpose: 'Оформлення\u200F кредиту', documentTypes: ['internal-passport'] },
    });
    expect(offer.status).toBe(400);
    expect(offer.body).toMatchObject({ errors: [expect.objectContaining({ path: 'body.purpose' })] });
  });

  it('allows http callbacks to the loopback host in the local runtime', async () => {
    const answer = await callApi(runtime, 'POST', '/v1/partner/branches', {
      token: key,
      body: branch({ callbackUrl: 'http://127.0.0.1:9/hook' }),
    });
    expect(answer.status).toBe(201);
  });

  it('refuses branch document types the partner may not ask for', async () => {
    const answer = await callApi(runtime, 'POST', '/v1/partner/branches', {
      token: hotel.apiKey,
      body: branch({ documentTypes: ['internal-passport', 'driver-license'] }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errors: [{ path: 'body.documentTypes' }] });
  });

  it('never shows one partner another partner’s branches or offers', async () => {
    const mine = await callApi(runtime, 'POST', '/v1/partner/branches', { token: key, body: branch() });
    const path = `/v1/partner/branches/${mine.body.branchId}`;
    expect((await callApi(runtime, 'GET', path, { token: hotel.apiKey })).status).toBe(404);
    expect((await callApi(runtime, 'PUT', path, { token: hotel.apiKey, body: branch() })).status).toBe(404);
    expect((await callApi(runtime, 'DELETE', path, { token: hotel.apiKey })).status).toBe(404);
    expect(
      (
        await callApi(runtime, 'POST', `${path}/offers`, {
          token: hotel.apiKey,
          body: { name: 'x', purpose: 'y', documentTypes: ['internal-passport'] },
        })
      ).status,
    ).toBe(404);
    const hotelList = await callApi<{ items: Array<{ branchId: string }> }>(
      runtime,
      'GET',
      '/v1/partner/branches',
      {
        token: hotel.apiKey,
      },
    );
    expect(hotelList.body.items.map((b) => b.branchId)).not.toContain(mine.body.branchId);
    expect((await callApi(runtime, 'GET', path, { token: key })).status).toBe(200);
  });

  it('paginates lists with limit and cursor, and refuses a forged cursor', async () => {
    const partner = await createPartner(runtime, 'Нотаріус', ['internal-passport']);
    for (let i = 0; i < 3; i++) {
      await callApi(runtime, 'POST', '/v1/partner/branches', {
        token: partner.apiKey,
        body: branch({ name: `B${i}`, documentTypes: ['internal-passport'] }),
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await callApi<{ items: Array<{ name: string }>; nextCursor?: string }>(
        runtime,
        'GET',
        `/v1/partner/branches?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: partner.apiKey },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['B0', 'B1', 'B2']);

    const forged = Buffer.from(
      JSON.stringify({ pk: `PARTNER#${runtime.local.partner.partnerId}`, sk: 'BRANCH#' }),
    ).toString('base64url');
    const refused = await callApi(runtime, 'GET', `/v1/partner/branches?cursor=${forged}`, {
      token: partner.apiKey,
    });
    expect(refused.status).toBe(400);
    for (const limit of ['0', '101', 'abc']) {
      expect(
        (await callApi(runtime, 'GET', `/v1/partner/branches?limit=${limit}`, { token: key })).status,
      ).toBe(400);
    }
  });

  it('creates offers only for the branch’s document types, lists and deletes them', async () => {
    const created = await callApi(runtime, 'POST', '/v1/partner/branches', { token: key, body: branch() });
    const offers = `/v1/partner/branches/${created.body.branchId}/offers`;
    const offer = await callApi(runtime, 'POST', offers, {
      token: key,
      body: {
        name: 'Кредит',
        purpose: 'Оформлення кредиту',
        documentTypes: ['internal-passport'],
        accessDays: 30,
      },
    });
    expect(offer.status).toBe(201);
    expect(offer.body).toMatchObject({ offerId: expect.stringMatching(/^of_/), accessDays: 30 });
    const outside = await callApi(runtime, 'POST', offers, {
      token: key,
      body: { name: 'x', purpose: 'y', documentTypes: ['driver-license'] },
    });
    expect(outside.status).toBe(400);
    for (const body of [
      { name: 'x', purpose: 'y', documentTypes: ['internal-passport'], accessDays: 366 },
      {
        name: 'x',
        purpose: 'y',
        documentTypes: ['internal-passport'],
        returnLink: 'http://insecure.example',
      },
      { name: 'x', documentTypes: ['internal-passport'] },
    ]) {
      expect((await callApi(runtime, 'POST', offers, { token: key, body })).status).toBe(400);
    }
    const listed = await callApi<{ items: Array<{ offerId: string }> }>(runtime, 'GET', offers, {
      token: key,
    });
    expect(listed.body.items.map((o) => o.offerId)).toEqual([offer.body.offerId]);
    const narrowing = await callApi(runtime, 'PUT', `/v1/partner/branches/${created.body.branchId}`, {
      token: key,
      body: branch({ documentTypes: ['taxpayer-card'] }),
    });
    expect(narrowing.status).toBe(409);
    expect((await callApi(runtime, 'DELETE', `${offers}/${offer.body.offerId}`, { token: key })).status).toBe(
      204,
    );
    expect((await callApi(runtime, 'GET', `${offers}/${offer.body.offerId}`, { token: key })).status).toBe(
      404,
    );
  });

  it('registers a public encryption key and refuses private or weak ones', async () => {
    const { exportJWK, generateKeyPair } = await import('jose');
    const ec = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256', extractable: true });
    const ok = await callApi(runtime, 'PUT', '/v1/partner/encryption-key', {
      token: hotel.apiKey,
      body: { jwk: await exportJWK(ec.publicKey) },
    });
    expect(ok.status).toBe(204);
    const privateJwk = await exportJWK(ec.privateKey);
    const refused = await callApi(runtime, 'PUT', '/v1/partner/encryption-key', {
      token: hotel.apiKey,
      body: { jwk: privateJwk },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).not.toContain(String(privateJwk.d));
    const { generateKeyPairSync } = await import('node:crypto');
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    const weak = await callApi(runtime, 'PUT', '/v1/partner/encryption-key', {
      token: hotel.apiKey,
      body: { jwk: small },
    });
    expect(weak.status).toBe(400);
  });

  it('rotates the webhook secret and shows the new one once', async () => {
    const first = await callApi(runtime, 'POST', '/v1/partner/webhook-secret', { token: hotel.apiKey });
    const second = await callApi(runtime, 'POST', '/v1/partner/webhook-secret', { token: hotel.apiKey });
    expect(first.status).toBe(201);
    expect(first.body.webhookSecret).toMatch(/^whsec_/);
    expect(second.body.webhookSecret).not.toBe(first.body.webhookSecret);
  });

  it('stops accepting a partner key once the operator rotates it', async () => {
    const partner = await createPartner(runtime, 'Банк для ротації', ['internal-passport']);
    const rotated = (await runtime.lambdas.invoke(runtime.local.adminFunctionName, {
      command: 'partner.rotate-key',
      partnerId: partner.partnerId,
    })) as { ok: boolean; result: { apiKey: string } };
    expect(rotated.ok).toBe(true);
    expect((await callApi(runtime, 'GET', '/v1/partner', { token: partner.apiKey })).status).toBe(401);
    expect((await callApi(runtime, 'GET', '/v1/partner', { token: rotated.result.apiKey })).status).toBe(200);
  });
});
