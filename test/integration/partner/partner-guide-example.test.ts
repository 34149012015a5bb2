import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DocshareApiError,
  type DocshareClientConfig,
  decryptPackage,
  getRequest,
  main,
  pullPackage,
  type ReceivedEvent,
  startWebhookServer,
  submitBarcode,
  verifyCopyOnline,
  verifyWebhookSignature,
  writePdfs,
} from '../../../docs/examples/partner-client';
import { bootRuntime } from '../support/runtime';
import { approve, citizenOf, createBranchAndOffer, mintBarcode } from '../support/sharing';
import { eventually } from '../support/webhook-receiver';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

// The partner guide's example program (docs/examples/partner-client.ts) against the real local runtime:
// the partner side is only the example's code; the test helpers play the citizen and set up the branch.
describe('the partner guide example', () => {
  let runtime: Runtime;
  let config: DocshareClientConfig;
  let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
  let target: { branchId: string; offerId: string };
  let outDir: string;
  const events: ReceivedEvent[] = [];

  beforeAll(async () => {
    runtime = await bootRuntime();
    config = { apiUrl: runtime.apiUrl, apiKey: runtime.local.partner.apiKey };
    outDir = await mkdtemp(path.join(tmpdir(), 'docshare-partner-example-'));
    webhook = await startWebhookServer({
      webhookSecret: runtime.local.partner.webhookSecret!,
      privateJwks: runtime.local.partner.encryptionPrivateJwk as JWK,
      onEvent: (event) => {
        events.push(event);
      },
    });
    target = await createBranchAndOffer(runtime, { callbackUrl: webhook.url });
  });
  afterAll(async () => {
    await webhook?.close();
    await runtime?.dispose();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('submits a barcode, receives the signed webhook, decrypts the package and writes checked PDFs', async () => {
    const barcode = await mintBarcode(runtime, 'cit_demo_1', 'doc_demo_1_passport');
    const requestId = randomUUID();
    const submitted = await submitBarcode(config, { ...target, barcode, requestId });
    expect(submitted).toEqual({ requestId, status: 'pending_consent', expiresAt: expect.any(String) });
    // Idempotent: the same requestId and body answer the same.
    expect(await submitBarcode(config, { ...target, barcode, requestId })).toEqual(submitted);
    expect((await getRequest(config, requestId)).status).toBe('pending_consent');
    expect(await pullPackage(config, requestId)).toBeUndefined();

    expect((await approve(runtime, requestId)).status).toBe(200);
    const delivered = await eventually(async () =>
      events.find((event) => event.requestId === requestId && event.event === 'request.delivered'),
    );
    const pkg = delivered.pkg!;
    expect(pkg).toMatchObject({ requestId, partnerId: runtime.local.partner.partnerId, ...target });
    expect(pkg.documents.map((document) => document.type).sort()).toEqual([
      'internal-passport',
      'taxpayer-card',
    ]);

    const files = await writePdfs(pkg, outDir);
    expect(files).toHaveLength(2);
    for (const file of files) {
      expect(path.dirname(file)).toBe(path.join(outDir, requestId));
      expect((await readFile(file)).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const data = JSON.parse(await readFile(path.join(outDir, requestId, 'data.json'), 'utf8'));
    expect(data.find((d: { type: string }) => d.type === 'internal-passport').data).toMatchObject({
      surname: 'Щербина',
    });

    const status = await eventually(async () => {
      const request = await getRequest(config, requestId);
      return request.status === 'delivered' ? request : undefined;
    });
    expect(status).toMatchObject({ deliveryStatus: 'delivered', deliveredAt: expect.any(String) });

    // The same package can be pulled; the example decrypts it with the partner's key.
    const jwe = await pullPackage(config, requestId);
    const pulled = await decryptPackage(jwe!, runtime.local.partner.encryptionPrivateJwk as JWK);
    expect(pulled.header).toMatchObject({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: 'demo-partner-key' });
    expect(pulled.pkg.documents.map((d) => d.copyId).sort()).toEqual(
      pkg.documents.map((d) => d.copyId).sort(),
    );

    const pdf = Buffer.from(pkg.documents[0]!.pdf, 'base64');
    expect(await verifyCopyOnline(runtime.apiUrl, pdf)).toMatchObject({
      signature: 'valid',
      modified: false,
      copy: { status: 'valid' },
    });
  });

  it('refuses a tampered PDF in a package', async () => {
    const barcode = await mintBarcode(runtime, 'cit_demo_1', 'doc_demo_1_passport');
    const { requestId } = await submitBarcode(config, { ...target, barcode });
    expect((await approve(runtime, requestId)).status).toBe(200);
    const jwe = await eventually(() => pullPackage(config, requestId));
    const { pkg } = await decryptPackage(jwe, runtime.local.partner.encryptionPrivateJwk as JWK);
    const tampered = {
      ...pkg,
      documents: pkg.documents.map((d) => ({ ...d, pdf: Buffer.from('%PDF-forged').toString('base64') })),
    };
    await expect(writePdfs(tampered, outDir)).rejects.toThrow(/does not match its pdfSha256/);
  });

  it('receives the decline webhook without a package', async () => {
    const barcode = await mintBarcode(runtime, 'cit_demo_1', 'doc_demo_1_passport');
    const { requestId } = await submitBarcode(config, { ...target, barcode });
    const declined = await fetch(`${runtime.apiUrl}/v1/me/requests/${requestId}/decline`, {
      method: 'POST',
      headers: { authorization: `Bearer ${runtime.local.citizens[0]!.token}` },
    });
    expect(declined.status).toBe(200);
    const event = await eventually(async () => events.find((e) => e.requestId === requestId));
    expect(event).toEqual({ event: 'request.declined', eventId: expect.stringMatching(/^evt_/), requestId });
  });

  it('turns documented refusals into DocshareApiError with the problem code', async () => {
    const wrongCheckDigit = submitBarcode(config, { ...target, barcode: '4006381333932' });
    await expect(wrongCheckDigit).rejects.toMatchObject({ status: 422, code: 'barcode_invalid' });
    const unknown = submitBarcode(config, { ...target, barcode: '4006381333931' });
    await expect(unknown).rejects.toMatchObject({ status: 404, code: 'not_found' });
    const requestId = randomUUID();
    const barcode = await mintBarcode(runtime, 'cit_demo_1', 'doc_demo_1_passport');
    await submitBarcode(config, { ...target, barcode, requestId });
    const reused = submitBarcode(config, { ...target, barcode: '4006381333931', requestId });
    await expect(reused).rejects.toBeInstanceOf(DocshareApiError);
    await expect(reused).rejects.toMatchObject({ status: 409, code: 'conflict' });
    const badKey = submitBarcode({ ...config, apiKey: `dsk_${'x'.repeat(40)}` }, { ...target, barcode });
    await expect(badKey).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('checks webhook signatures: secret, body, timestamp, and answers 401 to unsigned calls', async () => {
    const secret = runtime.local.partner.webhookSecret!;
    const eventId = `evt_${randomUUID()}`;
    const body = JSON.stringify({ id: eventId, event: 'request.declined', requestId: randomUUID() });
    const now = Math.floor(Date.now() / 1000);
    const sign = (t: number, raw = body, key = secret) =>
      `t=${t},v1=${createHmac('sha256', key).update(`${t}.${raw}`).digest('hex')}`;
    expect(verifyWebhookSignature(secret, body, sign(now))).toBe(true);
    expect(verifyWebhookSignature(secret, Buffer.from(body), sign(now))).toBe(true);
    expect(verifyWebhookSignature(secret, `${body} `, sign(now))).toBe(false);
    expect(verifyWebhookSignature(secret, body, sign(now, body, 'whsec_other'))).toBe(false);
    expect(verifyWebhookSignature(secret, body, sign(now - 600))).toBe(false);
    expect(verifyWebhookSignature(secret, body, `t=${now}`)).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined)).toBe(false);

    const post = (headers: Record<string, string>) =>
      fetch(webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const requestId = JSON.parse(body).requestId;
    const common = {
      'docshare-event': 'request.declined',
      'docshare-event-id': eventId,
      'docshare-request-id': requestId,
    };
    expect((await post(common)).status).toBe(401);
    expect((await post({ ...common, 'docshare-signature': sign(now, body, 'whsec_other') })).status).toBe(
      401,
    );
    const before = events.length;
    expect(
      (await post({ ...common, 'docshare-event-id': 'evt_other', 'docshare-signature': sign(now) })).status,
    ).toBe(400);
    expect((await post({ ...common, 'docshare-signature': sign(now) })).status).toBe(204);
    expect(events.slice(before)).toEqual([{ event: 'request.declined', eventId, requestId }]);
    // The same call again (a retry whose answer was lost, or a replay): acknowledged, not handled twice.
    expect((await post({ ...common, 'docshare-signature': sign(now + 1) })).status).toBe(204);
    expect(events.slice(before)).toHaveLength(1);
  });

  it('runs as a program: main() with the local runtime’s local.json, pulling from the demo branch', async () => {
    // The seeded demo branch has no callbackUrl, so main() follows the status and pulls the package.
    const saved = { ...process.env };
    Object.assign(process.env, { DOCSHARE_DATA_DIR: runtime.dataDir, WEBHOOK_PORT: '0', OUT_DIR: outDir });
    try {
      const barcode = await mintBarcode(runtime, 'cit_demo_2', 'doc_demo_2_passport');
      const program = main(barcode);
      const citizen = citizenOf(runtime, 'cit_demo_2');
      const pending = await eventually(async () => {
        const answer = await fetch(`${runtime.apiUrl}/v1/me/requests?status=pending_consent`, {
          headers: { authorization: `Bearer ${citizen.token}` },
        });
        const list = (await answer.json()) as {
          items: Array<{ requestId: string; branch: { name: string } }>;
        };
        return list.items.find((item) => item.branch.name === 'Відділення №1, Київ');
      });
      expect((await approve(runtime, pending.requestId, 'cit_demo_2')).status).toBe(200);
      const files = await program;
      expect(files.map((file) => path.dirname(file))).toEqual([
        path.join(outDir, pending.requestId),
        path.join(outDir, pending.requestId),
      ]);
      const status = await getRequest(config, pending.requestId);
      expect(status).toMatchObject({ status: 'delivered', deliveryStatus: 'pull_only' });
    } finally {
      process.env = saved;
    }
  }, 60_000);
});
