import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsAvailable } from '../../support/external-tools';
import { bootRuntime, callApi } from '../support/runtime';
import { launchChromium, lowContrastText, openPhone, signInAs } from './browser';

// The pages' sign-in (OpenID Connect code flow with PKCE) against the local dev identity provider:
// /dev/authorize and /dev/token over HTTP, then the whole flow in real headless Chromium.

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

const CLIENT_ID = 'docshare-local';
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

describe('the dev identity provider’s code flow with PKCE', () => {
  let runtime: Runtime;
  let browser: Browser | undefined;
  const callback = () => `${runtime.apiUrl}/wallet`;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([
      bootRuntime(),
      toolsAvailable('chromium') ? launchChromium() : undefined,
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.dispose();
  });

  const pkce = () => {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };

  const request = (challenge: string, overrides: Record<string, string> = {}) => ({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: callback(),
    scope: 'openid',
    state: `state-${randomUUID()}`,
    nonce: `nonce-${randomUUID()}`,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  });

  const postForm = (path: string, fields: Record<string, string> | string, contentType?: string) =>
    fetch(runtime.apiUrl + path, {
      method: 'POST',
      headers: { 'content-type': contentType ?? 'application/x-www-form-urlencoded' },
      body: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });

  const json = async (response: Response) => ({
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  });

  /** What the sign-in form posts when the citizen picks someone: the code comes back in Location. */
  async function authorize(citizenId = 'cit_demo_1', overrides: Record<string, string> = {}) {
    const { verifier, challenge } = pkce();
    const fields = request(challenge, overrides);
    const answer = await postForm('/dev/authorize', { ...fields, citizen_id: citizenId, decision: 'allow' });
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(callback());
    expect(location.searchParams.get('state')).toBe(fields.state);
    return { code: location.searchParams.get('code')!, verifier, nonce: fields.nonce };
  }

  const redeem = (code: string, verifier: string, overrides: Record<string, string> = {}) =>
    postForm('/dev/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: callback(),
      client_id: CLIENT_ID,
      code_verifier: verifier,
      ...overrides,
    });

  const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

  it('shows a labelled choice of the seeded citizens under the pages’ CSP, in Ukrainian or English', async () => {
    const { challenge } = pkce();
    const page = await fetch(`${runtime.apiUrl}/dev/authorize?${new URLSearchParams(request(challenge))}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(PAGE_CSP);
    const html = await page.text();
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain('<label for="citizen">Громадянин</label>');
    for (const citizen of runtime.local.citizens) expect(html).toContain(`value="${citizen.citizenId}"`);
    expect(html).not.toMatch(/<script/i);
    const english = await fetch(
      `${runtime.apiUrl}/dev/authorize?${new URLSearchParams({ ...request(challenge), ui_locales: 'en' })}`,
    );
    expect(await english.text()).toContain('<label for="citizen">Citizen</label>');
  });

  it('exchanges a code and its verifier for an ID token that works on GET /v1/me', async () => {
    const { code, verifier, nonce } = await authorize('cit_demo_2');
    const answer = await redeem(code, verifier);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const { status, body } = await json(answer);
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const idToken = String(body.id_token);
    expect(claimsOf(idToken)).toMatchObject({
      iss: `${runtime.apiUrl}/dev`,
      aud: CLIENT_ID,
      sub: 'cit_demo_2',
      nonce,
    });
    for (const token of [idToken, String(body.access_token)]) {
      const me = await callApi(runtime, 'GET', '/v1/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.citizenId).toBe('cit_demo_2');
    }
  });

  it('refuses a wrong verifier with invalid_grant, and the code is spent by the attempt', async () => {
    const { code, verifier } = await authorize();
    const wrong = await json(await redeem(code, pkce().verifier));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_grant', status: 400 });
    expect((await json(await redeem(code, verifier))).body.error).toBe('invalid_grant');
  });

  it('refuses a code used twice', async () => {
    const { code, verifier } = await authorize();
    expect((await redeem(code, verifier)).status).toBe(200);
    const again = await json(await redeem(code, verifier));
    expect(again.status).toBe(400);
    expect(again.type).toBe('application/problem+json');
    expect(again.body.error).toBe('invalid_grant');
  });

  it('refuses an expired code', async () => {
    const { code, verifier } = await authorize();
    // A minute passing, without waiting one: the stored code's expiry moves into the past.
    const dynamo = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: runtime.edgeUrl,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }),
    );
    const [tableId] = runtime.resolver.resourcesOfType('AWS::DynamoDB::Table')[0]!;
    const hash = createHash('sha256').update(code).digest('base64url');
    await dynamo.send(
      new UpdateCommand({
        TableName: runtime.resolver.ref(tableId),
        Key: { pk: `DEVAUTHCODE#${hash}`, sk: 'DEVAUTHCODE' },
        UpdateExpression: 'SET expiresAt = :past',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    dynamo.destroy();
    const expired = await json(await redeem(code, verifier));
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ error: 'invalid_grant', error_description: 'The code has expired' });
  });

  it('refuses a code redeemed with another redirect_uri or client_id', async () => {
    const first = await authorize();
    const otherUri = await json(
      await redeem(first.code, first.verifier, { redirect_uri: `${runtime.apiUrl}/verify` }),
    );
    expect(otherUri.body.error).toBe('invalid_grant');
    const second = await authorize();
    const otherClient = await json(await redeem(second.code, second.verifier, { client_id: 'someone-else' }));
    expect(otherClient.status).toBe(400);
    expect(otherClient.body.error).toBe('invalid_client');
  });

  it('never redirects to an unregistered redirect_uri or for an unknown client', async () => {
    const { challenge } = pkce();
    const refused: Array<Record<string, string>> = [
      { redirect_uri: 'https://evil.example/wallet' },
      { redirect_uri: `${runtime.apiUrl}/d/abc` },
      { redirect_uri: `${runtime.apiUrl}/wallet?next=https://evil.example` },
      { client_id: 'someone-else' },
    ];
    for (const overrides of refused) {
      const page = await fetch(
        `${runtime.apiUrl}/dev/authorize?${new URLSearchParams(request(challenge, overrides))}`,
        {
          redirect: 'manual',
        },
      );
      expect(page.status, JSON.stringify(overrides)).toBe(400);
      expect(page.headers.get('location')).toBeNull();
      expect(page.headers.get('content-type')).toBe('application/problem+json');
      const form = await postForm('/dev/authorize', {
        ...request(challenge, overrides),
        citizen_id: 'cit_demo_1',
        decision: 'allow',
      });
      expect(form.status).toBe(400);
      expect(form.headers.get('location')).toBeNull();
    }
  });

  it('sends other faults and a denial back to the client as `error`, with the state', async () => {
    const { challenge } = pkce();
    for (const [overrides, error] of [
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ scope: 'profile' }, 'invalid_scope'],
    ] as const) {
      const fields = request(challenge, overrides);
      const page = await fetch(`${runtime.apiUrl}/dev/authorize?${new URLSearchParams(fields)}`, {
        redirect: 'manual',
      });
      expect(page.status).toBe(303);
      const location = new URL(page.headers.get('location')!);
      expect(location.origin + location.pathname).toBe(callback());
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('state')).toBe(fields.state);
      expect(location.searchParams.has('code')).toBe(false);
    }
    const fields = request(challenge);
    const denied = await postForm('/dev/authorize', {
      ...fields,
      citizen_id: 'cit_demo_1',
      decision: 'deny',
    });
    const location = new URL(denied.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe(fields.state);
  });

  it('answers malformed, missing, oversized and hostile input with 4xx problem+json', async () => {
    const { challenge, verifier } = pkce();
    const valid = {
      grant_type: 'authorization_code',
      code: 'x'.repeat(43),
      redirect_uri: callback(),
      client_id: CLIENT_ID,
      code_verifier: verifier,
    };
    const cases: Array<[string, Response, number]> = [
      ['authorize without client_id', await fetch(`${runtime.apiUrl}/dev/authorize?response_type=code`), 400],
      [
        'authorize with a huge state',
        await fetch(
          `${runtime.apiUrl}/dev/authorize?${new URLSearchParams(request(challenge, { state: 's'.repeat(600) }))}`,
        ),
        400,
      ],
      ['token as JSON', await postForm('/dev/token', JSON.stringify(valid), 'application/json'), 415],
      ['token without a body', await postForm('/dev/token', ''), 400],
      ['token without code_verifier', await postForm('/dev/token', { ...valid, code_verifier: '' }), 400],
      ['token with a short verifier', await postForm('/dev/token', { ...valid, code_verifier: 'abc' }), 400],
      ['token with a hostile code', await postForm('/dev/token', { ...valid, code: "' OR '1'='1" }), 400],
      [
        'token with a repeated code',
        await postForm('/dev/token', `${new URLSearchParams(valid)}&code=other`),
        400,
      ],
      ['token over 8 KiB', await postForm('/dev/token', { ...valid, padding: 'p'.repeat(10_000) }), 413],
      [
        'token with another grant type',
        await postForm('/dev/token', { ...valid, grant_type: 'password' }),
        400,
      ],
      ['token with an unknown code', await postForm('/dev/token', valid), 400],
      [
        'authorize for a malformed citizen',
        await postForm('/dev/authorize', { ...request(challenge), citizen_id: '../x', decision: 'allow' }),
        400,
      ],
      [
        'authorize for an unknown citizen',
        await postForm('/dev/authorize', {
          ...request(challenge),
          citizen_id: 'cit_nobody',
          decision: 'allow',
        }),
        404,
      ],
    ];
    for (const [name, response, status] of cases) {
      expect(response.status, name).toBe(status);
      expect(response.headers.get('content-type'), name).toBe('application/problem+json');
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.status, name).toBe(status);
    }
  });

  describe.runIf(toolsAvailable('chromium'))('in a real browser', () => {
    it('signs in from a deep link in English and comes back to it, signed in, with nothing left in the URL', async () => {
      const { partner } = runtime.local;
      const created = await callApi(
        runtime,
        'POST',
        `/v1/partner/branches/${partner.branchId}/offers/${partner.offerId}/deeplinks`,
        { token: partner.apiKey, body: { requestId: randomUUID() } },
      );
      expect(created.status).toBe(201);
      const start = new URL(String(created.body.deeplink));
      start.searchParams.set('lang', 'en');
      const { page, problems, screenshot } = await openPhone(browser!, 'sign-in-deeplink');
      await page.goto(start.href);
      const authorizeRequest = page.waitForRequest((r) => new URL(r.url()).pathname === '/dev/authorize');
      const tokenRequest = page.waitForRequest((r) => new URL(r.url()).pathname === '/dev/token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const sent = new URL((await authorizeRequest).url());
      expect(Object.fromEntries(sent.searchParams)).toMatchObject({
        response_type: 'code',
        client_id: CLIENT_ID,
        redirect_uri: callback(),
        scope: 'openid',
        code_challenge_method: 'S256',
        ui_locales: 'en',
      });
      expect(sent.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(sent.searchParams.get('state')!.length).toBeGreaterThanOrEqual(43);
      await page.waitForURL((url) => url.pathname === '/dev/authorize');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await screenshot('provider');
      expect(await lowContrastText(page)).toEqual([]);
      const unlabelled = await page.evaluate(
        `[...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter((e) => e.labels.length === 0).length`,
      );
      expect(unlabelled).toBe(0);
      await page.getByLabel('Citizen').selectOption('cit_demo_3');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#account').waitFor({ state: 'visible' });
      const exchanged = new URLSearchParams((await tokenRequest).postData() ?? '');
      expect(exchanged.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(exchanged.get('redirect_uri')).toBe(callback());

      expect(page.url()).toBe(start.href);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('#account').textContent()).toContain('Ковальчук');
      await page.locator('#request').waitFor({ state: 'visible' });
      expect(await page.evaluate("sessionStorage.getItem('docshare.signInRequest')")).toBeNull();
      await screenshot('back');
      expect(problems).toEqual([]);
    });

    it('refuses an answer whose state was tampered with, and exchanges no code', async () => {
      const { page, problems, screenshot } = await openPhone(browser!, 'sign-in-tampered-state');
      const exchanges: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/dev/token') exchanges.push(r.url());
      });
      await page.goto(`${runtime.apiUrl}/wallet`);
      await page.getByRole('button', { name: 'Увійти' }).click();
      await page.waitForURL((url) => url.pathname === '/dev/authorize');
      await page.locator('input[name="state"]').evaluate((input) => {
        (input as unknown as { value: string }).value = 'tampered-state';
      });
      await page.getByRole('button', { name: 'Увійти' }).click();
      const status = page.locator('#status');
      await expect.poll(() => status.textContent()).toContain('не збігається');
      expect(await status.getAttribute('data-kind')).toBe('error');
      expect(await status.getAttribute('role')).toBe('status');
      await screenshot('refused');
      expect(new URL(page.url()).search).toBe('');
      expect(await page.locator('#account').isHidden()).toBe(true);
      expect(await page.locator('#sign-in').isVisible()).toBe(true);
      expect(await page.evaluate("sessionStorage.getItem('docshare.citizenToken')")).toBeNull();
      expect(exchanges).toEqual([]);
      expect(problems).toEqual([]);
    });

    it('says so on the page the sign-in started from when the citizen cancels at the provider', async () => {
      const { page, problems } = await openPhone(browser!, 'sign-in-cancelled');
      const start = `${runtime.apiUrl}/d/${'A'.repeat(43)}`;
      await page.goto(start);
      await page.getByRole('button', { name: 'Увійти' }).click();
      await page.waitForURL((url) => url.pathname === '/dev/authorize');
      await page.getByRole('button', { name: 'Скасувати' }).click();
      await expect.poll(() => page.locator('#status').textContent()).toBe('Вхід скасовано.');
      expect(page.url()).toBe(start);
      expect(await page.getByRole('button', { name: 'Увійти' }).isEnabled()).toBe(true);
      expect(problems).toEqual([]);
    });

    it('lets the existing helper sign in on the wallet', async () => {
      const { page, problems } = await openPhone(browser!, 'sign-in-wallet');
      await page.goto(`${runtime.apiUrl}/wallet`);
      await signInAs(page, 'cit_demo_1');
      expect(page.url()).toBe(`${runtime.apiUrl}/wallet`);
      expect(problems).toEqual([]);
    });
  });
});
