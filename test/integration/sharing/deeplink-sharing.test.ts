import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenHashOf } from '../../../functions/core/requests/deeplinks';
import { createPartner } from '../support/partners';
import { bootRuntime, callApi } from '../support/runtime';
import { approve, citizenOf, createBranchAndOffer, decryptPackage, partnerRequest } from '../support/sharing';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
type Target = { branchId: string; offerId: string };

const createLink = (runtime: Runtime, target: Target, body: unknown, token = runtime.local.partner.apiKey) =>
  callApi(runtime, 'POST', `/v1/partner/branches/${target.branchId}/offers/${target.offerId}/deeplinks`, {
    token,
    body,
  });

/** A DynamoDB client on the embedded AWS with the test's own (unrestricted) credentials. */
const edgeDynamo = (runtime: Runtime) =>
  new DynamoDBClient({
    endpoint: runtime.local.awsEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
const tokenOf = (deeplink: unknown) => String(deeplink).split('/').pop()!;

const openLink = (runtime: Runtime, token: string, citizenId: string) =>
  callApi(runtime, 'GET', `/v1/me/deeplinks/${encodeURIComponent(token)}`, {
    token: citizenOf(runtime, citizenId).token,
  });

describe('sharing by deep link', () => {
  let runtime: Runtime;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let target: Target;

  beforeAll(async () => {
    runtime = await bootRuntime();
    receiver = await startWebhookReceiver();
    target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
  });
  afterAll(async () => {
    await receiver?.close();
    await runtime?.dispose();
  });

  it('binds the link to the first citizen who opens it, then delivers after approval', async () => {
    const requestId = randomUUID();
    const created = await createLink(runtime, target, { requestId, returnLink: 'https://bank.example/done' });
    expect(created.status).toBe(201);
    const deeplink = String(created.body.deeplink);
    expect(deeplink.startsWith(`${runtime.apiUrl}/d/`)).toBe(true);
    expect(tokenOf(deeplink)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(String(created.body.qrSvg)).toMatch(/^<svg[\s\S]+<\/svg>\s*$/);
    const lifetime = Date.parse(String(created.body.expiresAt)) - Date.now();
    expect(lifetime).toBeGreaterThan(9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000);

    // The session code the partner shows its user is the one docshare shows the citizen.
    expect(created.body.sessionCode).toMatch(/^\d{6}$/);
    const opened = await openLink(runtime, tokenOf(deeplink), 'cit_demo_1');
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      sessionCode: created.body.sessionCode,
      requestId,
      status: 'pending_consent',
      partner: { name: 'Демо-банк' },
      purpose: 'Відкриття рахунку',
    });
    expect((await openLink(runtime, tokenOf(deeplink), 'cit_demo_1')).status).toBe(200);

    const intruder = await openLink(runtime, tokenOf(deeplink), 'cit_demo_2');
    expect(intruder.status).toBe(409);
    expect(intruder.headers.get('content-type')).toContain('application/problem+json');
    expect((await approve(runtime, requestId, 'cit_demo_2')).status).toBe(404);

    expect((await approve(runtime, requestId, 'cit_demo_1')).status).toBe(200);
    const webhook = await eventually(async () =>
      receiver.received.find((w) => w.body.requestId === requestId),
    );
    expect(webhook.body.event).toBe('request.delivered');
    const { payload } = await decryptPackage(runtime, String(webhook.body.package));
    expect(payload.documents.map((d: { type: string }) => d.type).sort()).toEqual([
      'internal-passport',
      'taxpayer-card',
    ]);
    await eventually(async () => (await partnerRequest(runtime, requestId)).body.status === 'delivered');
    const after = await openLink(runtime, tokenOf(deeplink), 'cit_demo_1');
    expect(after.body).toMatchObject({ status: 'delivered' });
    expect(String(after.body.returnLink)).toMatch(
      /^https:\/\/bank\.example\/done\?docshareResult=[A-Za-z0-9_-]{43}$/,
    );
  });

  it('sends the citizen back with a one-time result the partner’s session must present (relayed links)', async () => {
    const requestId = randomUUID();
    const created = await createLink(runtime, target, {
      requestId,
      returnLink: 'https://bank.example/done?step=3',
    });
    const token = tokenOf(created.body.deeplink);
    const present = (result: unknown, id = requestId, apiKey = runtime.local.partner.apiKey) =>
      callApi(runtime, 'POST', `/v1/partner/requests/${id}/return-results`, {
        token: apiKey,
        body: { result },
      });

    const pending = await openLink(runtime, token, 'cit_demo_1');
    expect(String(pending.body.returnLink)).not.toContain('docshareResult');
    // Nothing to present before the citizen decides.
    expect((await present('x'.repeat(43))).status).toBe(409);

    expect((await approve(runtime, requestId, 'cit_demo_1')).status).toBe(200);
    const back = new URL(String((await openLink(runtime, token, 'cit_demo_1')).body.returnLink));
    expect(back.origin + back.pathname).toBe('https://bank.example/done');
    expect(back.searchParams.get('step')).toBe('3');
    const result = back.searchParams.get('docshareResult')!;
    expect(result).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // A guessed or another request's result is refused; another partner does not see the request.
    const wrong = await present(`${result.slice(0, -2)}AA`);
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    const rival = await createPartner(runtime, 'Банк-шахрай', ['internal-passport']);
    expect((await present(result, requestId, rival.apiKey)).status).toBe(404);
    expect((await present(result, randomUUID())).status).toBe(404);

    const accepted = await present(result);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      requestId,
      status: expect.stringMatching(/^(approved|delivered)$/),
    });
    // Once: a second session presenting the same result (a relayed one) is refused.
    expect((await present(result)).status).toBe(409);
    expect((await partnerRequest(runtime, requestId)).body.returnResultPresentedAt).toBe(
      accepted.body.presentedAt,
    );

    // Bad bodies change nothing.
    for (const body of [{}, { result: '' }, { result: 'x'.repeat(101) }, { result, admin: true }]) {
      const answer = await callApi(runtime, 'POST', `/v1/partner/requests/${requestId}/return-results`, {
        token: runtime.local.partner.apiKey,
        body,
      });
      expect(answer.status).toBe(400);
    }
    expect(
      (
        await callApi(runtime, 'POST', `/v1/partner/requests/not-a-uuid/return-results`, {
          token: runtime.local.partner.apiKey,
          body: { result },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await callApi(runtime, 'POST', `/v1/partner/requests/${requestId}/return-results`, {
          body: { result },
        })
      ).status,
    ).toBe(401);
  });

  it('gives a retried creation a link that opens, even when the first attempt stopped before the link existed', async () => {
    const body = { requestId: randomUUID() };
    const first = await createLink(runtime, target, body);
    expect(first.status).toBe(201);
    const token = tokenOf(first.body.deeplink);
    // As if the first attempt had created the request and stopped before writing the link's pointer.
    const client = edgeDynamo(runtime);
    const [table] = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
    await DynamoDBDocumentClient.from(client).send(
      new DeleteCommand({ TableName: table, Key: { pk: `DEEPLINK#${tokenHashOf(token)}`, sk: 'DEEPLINK' } }),
    );
    expect((await openLink(runtime, token, 'cit_demo_1')).status).toBe(404);

    const again = await createLink(runtime, target, body);
    expect(again.status).toBe(201);
    expect(again.body.deeplink).toBe(first.body.deeplink);
    const opened = await openLink(runtime, token, 'cit_demo_1');
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({ requestId: body.requestId, status: 'pending_consent' });
    client.destroy();
  });

  it('is idempotent by requestId: the same body gives the same link; another body, 409', async () => {
    const body = { requestId: randomUUID() };
    const first = await createLink(runtime, target, body);
    const again = await createLink(runtime, target, body);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    // Another link gets another code (6 digits: two links may rarely share one).
    const second = await createLink(runtime, target, { requestId: randomUUID() });
    expect(second.body.deeplink).not.toBe(first.body.deeplink);
    expect(second.body.sessionCode).toMatch(/^\d{6}$/);
    const other = await createLink(runtime, target, { ...body, returnLink: 'https://bank.example/other' });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'conflict' });
  });

  it('stores no deep-link token: a copy of the table cannot open the link, and a replay still gets it', async () => {
    const body = { requestId: randomUUID() };
    const first = await createLink(runtime, target, body);
    expect(first.status).toBe(201);
    const token = tokenOf(first.body.deeplink);
    const client = edgeDynamo(runtime);
    const dynamo = DynamoDBDocumentClient.from(client);
    let dump = '';
    for (const TableName of (await client.send(new ListTablesCommand({}))).TableNames ?? []) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName, ExclusiveStartKey: start }));
        dump += JSON.stringify(page.Items ?? []);
        start = page.LastEvaluatedKey;
      } while (start);
    }
    expect(dump).toContain(body.requestId);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(Buffer.from(token, 'base64url').toString('hex'));
    expect(tokenOf((await createLink(runtime, target, body)).body.deeplink)).toBe(token);
    expect((await openLink(runtime, token, 'cit_demo_1')).status).toBe(200);
  });

  it('refuses malformed, missing, oversized and hostile input without creating anything', async () => {
    const problem = async (answer: Promise<Awaited<ReturnType<typeof callApi>>>, status: number) => {
      const settled = await answer;
      expect(settled.status).toBe(status);
      expect(settled.headers.get('content-type')).toContain('application/problem+json');
      return settled;
    };
    await problem(createLink(runtime, target, { requestId: 'not-a-uuid' }), 400);
    await problem(createLink(runtime, target, {}), 400);
    await problem(
      createLink(runtime, target, { requestId: randomUUID(), returnLink: 'http://bank.example' }),
      400,
    );
    await problem(
      createLink(runtime, target, { requestId: randomUUID(), returnLink: 'javascript:alert(1)' }),
      400,
    );
    await problem(createLink(runtime, target, { requestId: randomUUID(), admin: true }), 400);
    const longLink = (length: number) => ({
      requestId: randomUUID(),
      returnLink: `https://x.example/${'a'.repeat(length)}`,
    });
    await problem(createLink(runtime, target, longLink(3_000)), 400);
    await problem(createLink(runtime, target, longLink(1_100_000)), 413);
    await problem(
      createLink(runtime, { ...target, offerId: 'of_unknown' }, { requestId: randomUUID() }),
      404,
    );
    await problem(createLink(runtime, target, { requestId: randomUUID() }, 'dsk_wrong'), 401);
    const raw = await callApi(
      runtime,
      'POST',
      `/v1/partner/branches/${target.branchId}/offers/${target.offerId}/deeplinks`,
      { token: runtime.local.partner.apiKey, rawBody: '{"requestId":', contentType: 'application/json' },
    );
    expect(raw.status).toBe(400);

    // Another partner cannot use this partner's branch, nor see its requests.
    const rival = await createPartner(runtime, 'Інший банк', ['internal-passport']);
    await problem(createLink(runtime, target, { requestId: randomUUID() }, rival.apiKey), 404);

    await problem(openLink(runtime, 'A'.repeat(43), 'cit_demo_1'), 404);
    const hostile = await openLink(runtime, '../../v1/partner', 'cit_demo_1');
    expect(hostile.status).toBe(400);
    const anonymous = await callApi(runtime, 'GET', `/v1/me/deeplinks/${'A'.repeat(43)}`);
    expect(anonymous.status).toBe(401);
  });
});

describe('an unopened deep link', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await bootRuntime(undefined, { DeeplinkLifetimeSeconds: '2' });
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('expires: opening it later answers 410 and the partner sees expired', async () => {
    const target = await createBranchAndOffer(runtime);
    const requestId = randomUUID();
    const created = await createLink(runtime, target, { requestId });
    expect(created.status).toBe(201);
    await eventually(
      async () => (await partnerRequest(runtime, requestId)).body.status === 'expired',
      20_000,
    );
    const late = await openLink(runtime, tokenOf(created.body.deeplink), 'cit_demo_1');
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ code: 'gone' });
  });
});
