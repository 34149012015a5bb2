import { randomUUID } from 'node:crypto';
import { HeadObjectCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartner } from '../support/partners';
import { bootRuntime, callApi } from '../support/runtime';
import {
  approve,
  citizenOf,
  createBranchAndOffer,
  decryptPackage,
  partnerRequest,
  submitShare,
} from '../support/sharing';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
// Answers are read loosely: each assertion states the shape it relies on.
// biome-ignore lint/suspicious/noExplicitAny: JSON answers under test
type Json = Record<string, any>;

// Standing access (offers with accessDays > 0) and its revocation, over HTTP against the embedded AWS.
describe('standing access and revocation', () => {
  let runtime: Runtime;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let target: { branchId: string; offerId: string };
  let consentId: string;
  let grantingRequestId: string;
  let freshRequestId: string;
  let freshCopyIds: string[] = [];
  const partnerKey = () => runtime.local.partner.apiKey;
  const citizenToken = () => citizenOf(runtime, 'cit_demo_1').token;

  beforeAll(async () => {
    runtime = await bootRuntime();
    receiver = await startWebhookReceiver();
    target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url, accessDays: 30 });
  });
  afterAll(async () => {
    await receiver?.close();
    await runtime?.dispose();
  });

  const delivered = (requestId: string) =>
    eventually(async () => {
      const answer = await partnerRequest(runtime, requestId);
      return answer.body.status === 'delivered' ? answer : undefined;
    });
  const webhookFor = (requestId: string, event: string) =>
    eventually(async () =>
      receiver.received.find((hook) => hook.body.requestId === requestId && hook.body.event === event),
    );

  it('grants standing access when the citizen approves an offer with accessDays', async () => {
    const { requestId, answer } = await submitShare(runtime, target);
    expect(answer.status).toBe(202);
    expect((await approve(runtime, requestId)).status).toBe(200);
    const status = await delivered(requestId);
    expect(status.body.consentId).toMatch(/^cns_/);
    consentId = String(status.body.consentId);
    grantingRequestId = requestId;

    const listed = await callApi<Json>(runtime, 'GET', '/v1/partner/consents', { token: partnerKey() });
    expect(listed.status).toBe(200);
    const consent = listed.body.items.find((item: Json) => item.consentId === consentId);
    expect(consent).toMatchObject({
      requestId,
      branchId: target.branchId,
      offerId: target.offerId,
      documentTypes: ['internal-passport', 'taxpayer-card'],
      status: 'active',
      uses: 0,
    });
    const days = (Date.parse(consent.until) - Date.parse(consent.since)) / 86_400_000;
    expect(days).toBeCloseTo(30, 5);
  });

  it('delivers a fresh package under the consent without asking the citizen again', async () => {
    freshRequestId = randomUUID();
    const answer = await callApi<Json>(runtime, 'POST', `/v1/partner/consents/${consentId}/packages`, {
      token: partnerKey(),
      body: { requestId: freshRequestId },
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ requestId: freshRequestId, consentId, status: 'approved' });

    await delivered(freshRequestId);
    const webhook = await webhookFor(freshRequestId, 'request.delivered');
    const { payload } = await decryptPackage(runtime, String(webhook.body.package));
    expect(payload.documents.map((d: Json) => d.type).sort()).toEqual(['internal-passport', 'taxpayer-card']);
    freshCopyIds = payload.documents.map((d: Json) => d.copyId);
    for (const copyId of freshCopyIds) {
      const verified = await callApi<Json>(runtime, 'GET', `/v1/verify/copies/${copyId}`);
      expect(verified.body.status).toBe('valid');
    }

    // Every use is in the citizen's history, and the consent counts it.
    const history = await callApi<Json>(runtime, 'GET', '/v1/me/history', { token: citizenToken() });
    const use = history.body.items.find((item: Json) => item.requestId === freshRequestId);
    expect(use).toMatchObject({ channel: 'consent', consentId, status: 'delivered' });
    expect(use.copies).toHaveLength(2);
    const consent = await callApi<Json>(runtime, 'GET', `/v1/partner/consents/${consentId}`, {
      token: partnerKey(),
    });
    expect(consent.body).toMatchObject({ status: 'active', uses: 1, lastUsedAt: expect.any(String) });
  });

  it('answers a repeated package request the same, and 409 for the same requestId elsewhere', async () => {
    const again = await callApi<Json>(runtime, 'POST', `/v1/partner/consents/${consentId}/packages`, {
      token: partnerKey(),
      body: { requestId: freshRequestId },
    });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ requestId: freshRequestId, consentId });
    const clash = await callApi<Json>(runtime, 'POST', `/v1/partner/consents/${consentId}/packages`, {
      token: partnerKey(),
      body: { requestId: grantingRequestId },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('conflict');
  });

  it('refuses bad package requests with problem details and changes nothing', async () => {
    const post = (path: string, options: Parameters<typeof callApi>[3]) =>
      callApi<Json>(runtime, 'POST', path, { token: partnerKey(), ...options });
    const path = `/v1/partner/consents/${consentId}/packages`;
    const cases: Array<[number, string, Parameters<typeof callApi>[3], string?]> = [
      [400, 'missing requestId', { body: {} }],
      [400, 'not a UUID', { body: { requestId: 'x' } }],
      [400, 'unknown field', { body: { requestId: randomUUID(), documents: ['all'] } }],
      [400, 'malformed JSON', { rawBody: '{"requestId":', contentType: 'application/json' }],
      [415, 'not JSON', { rawBody: 'requestId=1', contentType: 'text/plain' }],
      [
        413,
        'oversized',
        { rawBody: JSON.stringify({ requestId: 'a'.repeat(1_100_000) }), contentType: 'application/json' },
      ],
      [
        400,
        'hostile consent id',
        { body: { requestId: randomUUID() } },
        '/v1/partner/consents/..%2F..%2Fetc/packages',
      ],
      [
        404,
        'unknown consent',
        { body: { requestId: randomUUID() } },
        '/v1/partner/consents/cns_AAAAAAAAAAAAAAAAAAAAAAAA/packages',
      ],
    ];
    for (const [status, label, options, other] of cases) {
      const answer = await post(other ?? path, options);
      expect(answer.status, label).toBe(status);
      expect(answer.headers.get('content-type'), label).toContain('application/problem+json');
    }
    for (const [status, query] of [
      [400, '/v1/partner/consents?limit=0'],
      [400, '/v1/partner/consents?limit=101'],
      [400, '/v1/partner/consents?cursor=bm9wZQ'],
      [400, '/v1/partner/consents?status=all'],
      [400, '/v1/partner/consents/not-a-consent'],
      [404, '/v1/partner/consents/cns_AAAAAAAAAAAAAAAAAAAAAAAA'],
    ] as const) {
      const answer = await callApi<Json>(runtime, 'GET', query, { token: partnerKey() });
      expect(answer.status, query).toBe(status);
      expect(answer.headers.get('content-type'), query).toContain('application/problem+json');
    }
    const unauthenticated = await callApi<Json>(runtime, 'POST', path, { body: { requestId: randomUUID() } });
    expect(unauthenticated.status).toBe(401);

    // Another partner cannot see or use this partner's consent.
    const other = await createPartner(runtime, 'Інший банк', ['internal-passport']);
    const foreign = await callApi<Json>(runtime, 'POST', path, {
      token: other.apiKey,
      body: { requestId: randomUUID() },
    });
    expect(foreign.status).toBe(404);
    expect(
      (await callApi(runtime, 'GET', `/v1/partner/consents/${consentId}`, { token: other.apiKey })).status,
    ).toBe(404);
    const consent = await callApi<Json>(runtime, 'GET', `/v1/partner/consents/${consentId}`, {
      token: partnerKey(),
    });
    expect(consent.body.uses).toBe(1);
  });

  it('shows the citizen every partner holding access or copies', async () => {
    const answer = await callApi<Json>(runtime, 'GET', '/v1/me/consents', { token: citizenToken() });
    expect(answer.status).toBe(200);
    const bank = answer.body.items.find(
      (item: Json) => item.partner.partnerId === runtime.local.partner.partnerId,
    );
    expect(bank).toMatchObject({ partner: { name: 'Демо-банк' }, purposes: ['Відкриття рахунку'] });
    expect(bank.standingAccess).toEqual([
      expect.objectContaining({
        consentId,
        uses: 1,
        branch: { name: 'Відділення для тесту', address: 'м. Львів, пл. Ринок, 1' },
      }),
    ]);
    expect(bank.copies.map((copy: Json) => copy.copyId)).toEqual(expect.arrayContaining(freshCopyIds));
    for (const copy of bank.copies)
      expect(copy).toMatchObject({ expiresAt: expect.any(String), type: expect.any(String) });

    const paged = await callApi<Json>(runtime, 'GET', '/v1/me/consents?limit=1', { token: citizenToken() });
    expect(paged.body.items).toHaveLength(1);
    const badCursor = await callApi<Json>(runtime, 'GET', '/v1/me/consents?cursor=bm9wZQ', {
      token: citizenToken(),
    });
    expect(badCursor.status).toBe(400);
  });

  it('revocation ends access, declines pending requests, revokes copies and notifies the partner', async () => {
    const s3 = new S3Client({
      endpoint: runtime.local.awsEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      forcePathStyle: true,
    });
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    const bucket = Buckets!.find((b) => b.Name!.startsWith('docshare-datacopies'))!.Name!;
    const stored = async (copyId: string) =>
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `copies/${copyId}.pdf` })).then(
        () => true,
        () => false,
      );
    for (const copyId of freshCopyIds) expect(await stored(copyId), copyId).toBe(true);
    const pending = await submitShare(runtime, target);
    expect(pending.answer.status).toBe(202);

    const revoked = await callApi(runtime, 'DELETE', `/v1/me/consents/${runtime.local.partner.partnerId}`, {
      token: citizenToken(),
    });
    expect(revoked.status).toBe(204);

    const notice = await webhookFor(grantingRequestId, 'consent.revoked');
    expect(notice.headers['docshare-event']).toBe('consent.revoked');
    expect(notice.body).toMatchObject({ event: 'consent.revoked', requestId: grantingRequestId, consentId });
    await webhookFor(pending.requestId, 'request.declined');
    expect((await partnerRequest(runtime, pending.requestId)).body.status).toBe('declined');

    for (const copyId of freshCopyIds) {
      const verified = await callApi<Json>(runtime, 'GET', `/v1/verify/copies/${copyId}`);
      expect(verified.body.status).toBe('revoked');
    }
    // The signed PDFs are gone from storage too, not left for the 30-day expiry.
    for (const copyId of freshCopyIds) expect(await stored(copyId), copyId).toBe(false);
    const pulled = await callApi<Json>(runtime, 'GET', `/v1/partner/requests/${freshRequestId}/package`, {
      token: partnerKey(),
    });
    expect(pulled.status).toBe(410);

    // A revoked consent cannot be used again.
    const reuse = await callApi<Json>(runtime, 'POST', `/v1/partner/consents/${consentId}/packages`, {
      token: partnerKey(),
      body: { requestId: randomUUID() },
    });
    expect(reuse.status).toBe(403);
    expect(reuse.body.code).toBe('forbidden');
    const live = await callApi<Json>(runtime, 'GET', '/v1/partner/consents', { token: partnerKey() });
    expect(live.body.items.map((item: Json) => item.consentId)).not.toContain(consentId);
    const one = await callApi<Json>(runtime, 'GET', `/v1/partner/consents/${consentId}`, {
      token: partnerKey(),
    });
    expect(one.body.status).toBe('revoked');

    const mine = await callApi<Json>(runtime, 'GET', '/v1/me/consents', { token: citizenToken() });
    expect(mine.body.items.map((item: Json) => item.partner.partnerId)).not.toContain(
      runtime.local.partner.partnerId,
    );

    // Repeating is harmless and sends nothing more.
    const notices = () => receiver.received.filter((hook) => hook.body.event === 'consent.revoked').length;
    const before = notices();
    const again = await callApi(runtime, 'DELETE', `/v1/me/consents/${runtime.local.partner.partnerId}`, {
      token: citizenToken(),
    });
    expect(again.status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(notices()).toBe(before);
  });

  it('refuses revocations of unknown or malformed partners', async () => {
    const unknown = await callApi<Json>(runtime, 'DELETE', '/v1/me/consents/ptn_neverseen', {
      token: citizenToken(),
    });
    expect(unknown.status).toBe(404);
    const hostile = await callApi<Json>(
      runtime,
      'DELETE',
      `/v1/me/consents/${encodeURIComponent("ptn_x' OR 1=1")}`,
      {
        token: citizenToken(),
      },
    );
    expect(hostile.status).toBe(400);
    const anonymous = await callApi<Json>(
      runtime,
      'DELETE',
      `/v1/me/consents/${runtime.local.partner.partnerId}`,
    );
    expect(anonymous.status).toBe(401);
    // Another citizen has nothing with this partner.
    const stranger = await callApi<Json>(
      runtime,
      'DELETE',
      `/v1/me/consents/${runtime.local.partner.partnerId}`,
      {
        token: citizenOf(runtime, 'cit_demo_3').token,
      },
    );
    expect(stranger.status).toBe(404);
  });

  it('exports the whole history as a JSON file', async () => {
    const answer = await callApi<Json>(runtime, 'GET', '/v1/me/history/export', { token: citizenToken() });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toMatch(
      /^attachment; filename="docshare-history-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(answer.body.citizenId).toBe('cit_demo_1');
    const ids = answer.body.requests.map((request: Json) => request.requestId);
    expect(ids).toEqual(expect.arrayContaining([grantingRequestId, freshRequestId]));
    const fresh = answer.body.requests.find((request: Json) => request.requestId === freshRequestId);
    expect(fresh).toMatchObject({
      channel: 'consent',
      revokedAt: expect.any(String),
      partner: { name: 'Демо-банк' },
    });
  });
});
