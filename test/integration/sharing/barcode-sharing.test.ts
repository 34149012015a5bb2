import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../../functions/core/requests/webhook';
import { runTool, toolsAvailable } from '../../support/external-tools';
import { createPartner } from '../support/partners';
import { bootRuntime, callApi } from '../support/runtime';
import {
  approve,
  citizenOf,
  createBranchAndOffer,
  decryptPackage,
  mintBarcode,
  partnerRequest,
  pulledPackage,
  submitShare,
} from '../support/sharing';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

describe('sharing by barcode', () => {
  let runtime: Runtime;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let target: { branchId: string; offerId: string };

  beforeAll(async () => {
    runtime = await bootRuntime();
    receiver = await startWebhookReceiver();
    target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
  });
  afterAll(async () => {
    await receiver?.close();
    await runtime?.dispose();
  });

  const delivered = (requestId: string, apiKey?: string) =>
    eventually(async () => {
      const answer = await partnerRequest(runtime, requestId, apiKey);
      return answer.body.status === 'delivered' ? answer : undefined;
    });

  it('delivers signed copies, encrypted to the partner, after the citizen approves with the PIN', async () => {
    const { requestId, answer } = await submitShare(runtime, target);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({
      requestId,
      status: 'pending_consent',
      expiresAt: expect.any(String),
    });

    const pending = await callApi<{ items: Array<Record<string, unknown>> }>(
      runtime,
      'GET',
      '/v1/me/requests?status=pending_consent',
      { token: citizenOf(runtime, 'cit_demo_1').token },
    );
    expect(pending.body.items.find((item) => item.requestId === requestId)).toMatchObject({
      partner: { name: 'Демо-банк' },
      branch: { name: 'Відділення для тесту', address: 'м. Львів, пл. Ринок, 1' },
      purpose: 'Відкриття рахунку',
      documentTypes: ['internal-passport', 'taxpayer-card'],
    });

    const approved = await approve(runtime, requestId);
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ status: 'approved' });
    const status = await delivered(requestId);
    expect(status.body).toMatchObject({ decidedAt: expect.any(String), deliveredAt: expect.any(String) });

    const webhook = await eventually(async () =>
      receiver.received.find((w) => w.body.requestId === requestId),
    );
    expect(webhook.headers['docshare-event']).toBe('request.delivered');
    expect(webhook.headers['docshare-request-id']).toBe(requestId);
    const signature = String(webhook.headers['docshare-signature']);
    expect(
      verifyWebhookSignature(runtime.local.partner.webhookSecret!, webhook.raw, signature, Date.now() / 1000),
    ).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', webhook.raw, signature, Date.now() / 1000)).toBe(false);

    const { header, payload } = await decryptPackage(runtime, String(webhook.body.package));
    expect(header).toMatchObject({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: 'demo-partner-key' });
    expect(payload).toMatchObject({
      requestId,
      partnerId: runtime.local.partner.partnerId,
      ...target,
      missing: [],
    });
    expect(payload.documents.map((d: { type: string }) => d.type).sort()).toEqual([
      'internal-passport',
      'taxpayer-card',
    ]);
    const passport = payload.documents.find((d: { type: string }) => d.type === 'internal-passport');
    expect(passport.data).toMatchObject({ surname: 'Щербина', givenName: 'Юлія' });
    const pdf = Buffer.from(passport.pdf, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(passport.pdfSha256);
    if (toolsAvailable('pdfsig')) {
      // Poppler checks the delivered copy's signature independently of our code.
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'docshare-e2e-')), 'passport.pdf');
      writeFileSync(file, pdf);
      const { stdout, stderr } = await runTool('pdfsig', [file]);
      expect(stdout + stderr).toContain('Signature is Valid.');
      expect(stdout + stderr).toContain('Total document signed');
      rmSync(path.dirname(file), { recursive: true, force: true });
    }

    const pulled = await fetch(`${runtime.apiUrl}/v1/partner/requests/${requestId}/package`, {
      headers: { authorization: `Bearer ${runtime.local.partner.apiKey}` },
    });
    expect(pulled.status).toBe(200);
    expect(pulled.headers.get('content-type')).toBe('application/jose');
    expect(await pulled.text()).toBe(webhook.body.package);

    const history = await callApi<{ items: Array<{ requestId: string; copies: unknown[]; status: string }> }>(
      runtime,
      'GET',
      '/v1/me/history',
      { token: citizenOf(runtime, 'cit_demo_1').token },
    );
    const entry = history.body.items.find((item) => item.requestId === requestId)!;
    expect(entry.status).toBe('delivered');
    expect(entry.copies).toHaveLength(2);
  });

  it('takes a webhook share through five billed states, the request recorded delivered by the webhook step', async () => {
    const { requestId } = await submitShare(runtime, target);
    expect((await approve(runtime, requestId)).status).toBe(200);
    await delivered(requestId);
    const sfn = new SFNClient({
      endpoint: runtime.edgeUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
    const name = `${runtime.local.partner.partnerId}-${requestId}`;
    let executionArn = '';
    for (const machine of stateMachines) {
      const { executions = [] } = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, maxResults: 1000 }),
      );
      executionArn ||= executions.find((execution) => execution.name === name)?.executionArn ?? '';
    }
    expect(executionArn).not.toBe('');
    const history = await eventually(async () => {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
      return page.events?.some((event) => event.type === 'ExecutionSucceeded') ? page.events : undefined;
    });
    // Step Functions Standard bills each state entered (docs/benchmarks.md).
    const entered = history
      .filter((event) => event.type?.endsWith('StateEntered'))
      .map((event) => event.stateEnteredEventDetails!.name);
    expect(entered).toEqual(['WaitForDecision', 'Decision', 'IssueCopies', 'DeliverBy?', 'DeliverPackage']);
    sfn.destroy();
  });

  it('answers a retried IssueCopies with the copies its transaction wrote, signing none anew', async () => {
    const { requestId } = await submitShare(runtime, target);
    expect((await approve(runtime, requestId)).status).toBe(200);
    const delivered = await pulledPackage(runtime, requestId);
    const issueCopies = runtime.lambdas.functionNames().find((name) => name.startsWith('CopiesIssueCopies'));
    // What Step Functions does when a task's answer is lost after its writes: the same input again.
    const again = (await runtime.lambdas.invoke(issueCopies!, {
      partnerId: runtime.local.partner.partnerId,
      requestId,
    })) as { delivery: string; copies: Array<{ copyId: string; pdfSha256: string }> };
    expect(again.delivery).toBe('webhook');
    // ECDSA signatures differ every time: equal hashes mean the stored PDFs came back, none re-signed.
    const hashes = (copies: Array<{ copyId: string; pdfSha256: string }>) =>
      copies
        .map(({ copyId, pdfSha256 }) => ({ copyId, pdfSha256 }))
        .sort((a, b) => a.copyId.localeCompare(b.copyId));
    const packaged = delivered.payload.documents as Array<{ copyId: string; pdfSha256: string }>;
    expect(packaged.length).toBeGreaterThan(0);
    expect(hashes(again.copies)).toEqual(hashes(packaged));
  });

  it('publishes what a share went through as CloudWatch metrics (EMF) and logs it under its requestId', async () => {
    const { requestId } = await submitShare(runtime, target);
    expect((await approve(runtime, requestId)).status).toBe(200);
    await delivered(requestId);
    const lines = () =>
      readFileSync(path.join(runtime.dataDir, 'lambda.log'), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Embedded metric format as CloudWatch Logs reads it: namespace, dimensions, then the values.
    type Emf = {
      _aws: {
        CloudWatchMetrics: Array<{
          Namespace: string;
          Dimensions: string[][];
          Metrics: Array<{ Name: string }>;
        }>;
      };
    };
    // This share's outcome line comes after its SharesDelivered point (earlier tests delivered too).
    await eventually(async () =>
      lines().some((line) => line.message === 'request outcome recorded' && line.requestId === requestId),
    );
    const points = lines().filter((line): line is Record<string, unknown> & Emf => '_aws' in line);
    const named = (name: string) => points.filter((point) => name in point);
    for (const name of ['SharesStarted', 'SharesApproved', 'SharesDelivered']) {
      const point = named(name).find((p) => p.channel === 'barcode');
      expect(point, name).toMatchObject({ service: 'docshare', channel: 'barcode', [name]: 1 });
      expect(point!._aws.CloudWatchMetrics[0]).toMatchObject({
        Namespace: 'Docshare',
        Dimensions: [expect.arrayContaining(['service', 'channel'])],
        Metrics: [{ Name: name, Unit: 'Count' }],
      });
    }
    expect(named('ApproveToDeliveredMs').at(-1)!.ApproveToDeliveredMs).toBeGreaterThanOrEqual(0);
    expect(named('CopyRenderMs').at(-1)!.CopyRenderMs).toBeGreaterThan(0);
    expect(named('WebhookAttempts').length).toBeGreaterThan(0);
    // No partner dimension: a partner's volume is not for our metrics.
    for (const point of points)
      expect(point._aws.CloudWatchMetrics[0]!.Dimensions.flat()).not.toContain('partnerId');

    const outcome = lines().find(
      (line) => line.message === 'request outcome recorded' && line.requestId === requestId,
    );
    expect(outcome).toMatchObject({
      level: 'INFO',
      service: 'docshare',
      partnerId: runtime.local.partner.partnerId,
      outcome: 'delivered',
    });
    const access = lines().filter(
      (line) => line.message === 'request' && line.route === 'POST /v1/me/requests/{requestId}/approve',
    );
    expect(access.at(-1)).toMatchObject({ status: 200, apiRequestId: expect.any(String) });
  });

  it('is idempotent by requestId: same body, same answer; another body, 409', async () => {
    const barcode = await mintBarcode(runtime, 'cit_demo_1', 'doc_demo_1_passport');
    const body = { requestId: randomUUID(), ...target, barcode };
    const token = runtime.local.partner.apiKey;
    const first = await callApi(runtime, 'POST', '/v1/partner/document-requests', { token, body });
    const again = await callApi(runtime, 'POST', '/v1/partner/document-requests', { token, body });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    const other = await callApi(runtime, 'POST', '/v1/partner/document-requests', {
      token,
      body: { ...body, barcode: await mintBarcode(runtime, 'cit_demo_1', 'doc_demo_1_passport') },
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'conflict' });
  });

  it('declines: status declined, a webhook without a package, no package to pull', async () => {
    const { requestId } = await submitShare(runtime, target);
    const declined = await callApi(runtime, 'POST', `/v1/me/requests/${requestId}/decline`, {
      token: citizenOf(runtime, 'cit_demo_1').token,
    });
    expect(declined.body).toEqual({ status: 'declined' });
    const webhook = await eventually(async () =>
      receiver.received.find((w) => w.body.requestId === requestId),
    );
    expect(webhook.body).toEqual({
      id: expect.stringMatching(/^evt_/),
      event: 'request.declined',
      requestId,
    });
    expect((await partnerRequest(runtime, requestId)).body.status).toBe('declined');
    const pkg = await callApi(runtime, 'GET', `/v1/partner/requests/${requestId}/package`, {
      token: runtime.local.partner.apiKey,
    });
    expect(pkg.status).toBe(404);
    expect((await approve(runtime, requestId)).status).toBe(409);
  });

  it('lets only the citizen whose barcode started the request see or decide it', async () => {
    const { requestId } = await submitShare(runtime, target);
    const stranger = citizenOf(runtime, 'cit_demo_2');
    expect((await approve(runtime, requestId, 'cit_demo_2', stranger.pin)).status).toBe(404);
    const theirs = await callApi<{ items: Array<{ requestId: string }> }>(runtime, 'GET', '/v1/me/requests', {
      token: stranger.token,
    });
    expect(theirs.body.items.some((item) => item.requestId === requestId)).toBe(false);
    const other = await createPartner(runtime, 'Чужий банк', ['internal-passport']);
    expect((await partnerRequest(runtime, requestId, other.apiKey)).status).toBe(404);
  });

  it('never decides the wrong partner’s request when two partners chose the same requestId', async () => {
    const other = await createPartner(runtime, 'Банк-двійник', ['internal-passport', 'taxpayer-card']);
    const otherTarget = await createBranchAndOffer(runtime, { apiKey: other.apiKey });
    const requestId = randomUUID();
    const submit = async (apiKey: string, where: { branchId: string; offerId: string }, docId: string) => {
      const barcode = await mintBarcode(runtime, 'cit_demo_1', docId);
      return callApi(runtime, 'POST', '/v1/partner/document-requests', {
        token: apiKey,
        body: { requestId, ...where, barcode },
      });
    };
    expect((await submit(runtime.local.partner.apiKey, target, 'doc_demo_1_passport')).status).toBe(202);
    expect((await submit(other.apiKey, otherTarget, 'doc_demo_1_taxpayer_card')).status).toBe(202);
    const citizen = citizenOf(runtime, 'cit_demo_1');
    const ambiguous = await approve(runtime, requestId);
    expect(ambiguous.status).toBe(409);
    expect((await partnerRequest(runtime, requestId)).body.status).toBe('pending_consent');
    expect((await partnerRequest(runtime, requestId, other.apiKey)).body.status).toBe('pending_consent');
    // Said whose: only that one is decided.
    const chosen = await callApi(
      runtime,
      'POST',
      `/v1/me/requests/${requestId}/decline?partnerId=${encodeURIComponent(other.partnerId)}`,
      { token: citizen.token },
    );
    expect(chosen.status).toBe(200);
    expect((await partnerRequest(runtime, requestId, other.apiKey)).body.status).toBe('declined');
    expect((await partnerRequest(runtime, requestId)).body.status).toBe('pending_consent');
    expect(
      (
        await callApi(runtime, 'POST', `/v1/me/requests/${requestId}/decline?partnerId=bad%20id`, {
          token: citizen.token,
        })
      ).status,
    ).toBe(400);
  });

  it('refuses a wrong PIN without approving', async () => {
    const { requestId } = await submitShare(runtime, target, 'cit_demo_3', 'doc_demo_3_taxpayer_card');
    const wrong = await approve(runtime, requestId, 'cit_demo_3', '99999');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'pin_invalid', attemptsLeft: 4 });
    expect((await partnerRequest(runtime, requestId)).body.status).toBe('pending_consent');
    expect((await approve(runtime, requestId, 'cit_demo_3')).status).toBe(200);
  });

  it('refuses bad submissions with the documented codes and uses no barcode up', async () => {
    const token = runtime.local.partner.apiKey;
    const barcode = await mintBarcode(runtime, 'cit_demo_1', 'doc_demo_1_passport');
    const submit = (body: unknown) =>
      callApi(runtime, 'POST', '/v1/partner/document-requests', { token, body });
    const valid = { requestId: randomUUID(), ...target, barcode };
    for (const body of [
      { ...valid, requestId: 'not-a-uuid' },
      { ...valid, extra: 1 },
      { ...valid, branchId: undefined },
      { ...valid, barcode: 4006381333931 },
    ]) {
      expect((await submit(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await submit({ ...valid, requestId: randomUUID(), barcode: '400638133393' })).status).toBe(422);
    expect((await submit({ ...valid, requestId: randomUUID(), barcode: '4006381333931' })).status).toBe(404);
    expect((await submit({ ...valid, requestId: randomUUID(), offerId: 'of_unknown' })).status).toBe(404);
    const vehicle = await mintBarcode(runtime, 'cit_demo_2', 'doc_demo_2_vehicle_registration');
    const notOffered = await submit({ ...valid, requestId: randomUUID(), barcode: vehicle });
    // A code of a type the offer does not ask for answers like an unknown one, and stays usable.
    expect(notOffered.status).toBe(404);
    expect((await submit(valid)).status).toBe(202);
  });

  it('completes 20 concurrent shares with one execution and one delivery each', async () => {
    // A partner of its own: every barcode call in flight counts against the guessing limit until it
    // succeeds, so the misses earlier tests made for the demo partner would crowd this burst out.
    const busy = await createPartner(runtime, 'Жвавий банк', ['internal-passport', 'taxpayer-card']);
    const { d: _private, ...publicJwk } = runtime.local.partner.encryptionPrivateJwk as Record<
      string,
      unknown
    >;
    const key = await callApi(runtime, 'PUT', '/v1/partner/encryption-key', {
      token: busy.apiKey,
      body: { jwk: publicJwk },
    });
    expect(key.status).toBe(204);
    const busyTarget = await createBranchAndOffer(runtime, {
      callbackUrl: receiver.url,
      apiKey: busy.apiKey,
    });
    const shares = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const citizen = ['cit_demo_1', 'cit_demo_2', 'cit_demo_3'][i % 3]!;
        const doc = {
          cit_demo_1: 'doc_demo_1_passport',
          cit_demo_2: 'doc_demo_2_passport',
          cit_demo_3: 'doc_demo_3_taxpayer_card',
        }[citizen]!;
        return submitShare(runtime, busyTarget, citizen, doc, busy.apiKey).then((share) => ({
          ...share,
          citizen,
        }));
      }),
    );
    // Some codes of the same document were replaced by newer ones while minting in parallel.
    const accepted = shares.filter((share) => share.answer.status === 202);
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    await Promise.all(accepted.map((share) => approve(runtime, share.requestId, share.citizen)));
    for (const share of accepted) await delivered(share.requestId, busy.apiKey);
    for (const share of accepted) {
      const hooks = receiver.received.filter((w) => w.body.requestId === share.requestId);
      expect(hooks).toHaveLength(1);
      const { payload } = await decryptPackage(runtime, String(hooks[0]!.body.package));
      expect(payload.requestId).toBe(share.requestId);
    }
  }, 120_000);
});
