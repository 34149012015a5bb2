import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  KMSClient,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { DeleteObjectCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const pullPackage = (runtime: Runtime, requestId: string) =>
  fetch(`${runtime.apiUrl}/v1/partner/requests/${requestId}/package`, {
    headers: { authorization: `Bearer ${runtime.local.partner.apiKey}` },
  });

// The local runtime retries webhooks every 1–2 s (the deployed stack: 30 s doubling to 1 h for > 24 h).
// This runtime gives barcode requests a 6 s lifetime through the stack parameter: short enough to
// watch one expire, long enough for the other tests to approve in time on a busy machine.
describe('delivery when things go wrong', () => {
  let runtime: Runtime;

  beforeAll(async () => {
    runtime = await bootRuntime(undefined, { RequestLifetimeSeconds: '6' });
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('expires a request nobody answers: status expired, a webhook without a package, no approval after', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
      const { requestId, answer } = await submitShare(runtime, target);
      const lifetime = Date.parse(String(answer.body.expiresAt)) - Date.now();
      expect(lifetime).toBeLessThanOrEqual(6_000);

      const expired = await eventually(async () => {
        const status = await partnerRequest(runtime, requestId);
        return status.body.status === 'expired' ? status : undefined;
      }, 20_000);
      expect(expired.body).not.toHaveProperty('deliveredAt');
      const webhook = await eventually(async () =>
        receiver.received.find((w) => w.body.requestId === requestId),
      );
      expect(webhook.body).toEqual({
        id: expect.stringMatching(/^evt_/),
        event: 'request.expired',
        requestId,
      });
      expect(webhook.headers['docshare-event']).toBe('request.expired');
      expect((await pullPackage(runtime, requestId)).status).toBe(404);

      const late = await approve(runtime, requestId);
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'conflict' });
      const pending = await callApi<{ items: Array<{ requestId: string }> }>(
        runtime,
        'GET',
        '/v1/me/requests?status=pending_consent',
        { token: citizenOf(runtime, 'cit_demo_1').token },
      );
      expect(pending.body.items.some((item) => item.requestId === requestId)).toBe(false);
    } finally {
      await receiver.close();
    }
  }, 40_000);

  it('tells the partner request.failed with a reason code when the copies cannot be made', async () => {
    // A real failure through the AWS API: the copy signing key is disabled, so KMS refuses to sign.
    const kms = new KMSClient({
      endpoint: runtime.local.awsEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    let signingKeyId: string | undefined;
    for (const { KeyId } of (await kms.send(new ListKeysCommand({}))).Keys ?? []) {
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId }));
      if (KeyMetadata?.Description === 'docshare copy signing key') signingKeyId = KeyId;
    }
    expect(signingKeyId).toBeDefined();
    const receiver = await startWebhookReceiver();
    try {
      const target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
      const { requestId } = await submitShare(runtime, target);
      await kms.send(new DisableKeyCommand({ KeyId: signingKeyId }));
      expect((await approve(runtime, requestId)).status).toBe(200);
      const hook = await eventually(
        async () => receiver.received.find((h) => h.body.requestId === requestId),
        30_000,
      );
      expect(hook.body).toEqual({
        id: expect.stringMatching(/^evt_/),
        event: 'request.failed',
        requestId,
        reason: 'copy_failed',
      });
      expect(hook.headers['docshare-event']).toBe('request.failed');
      expect((await partnerRequest(runtime, requestId)).body).toMatchObject({
        status: 'failed',
        failureReason: expect.any(String),
      });
      expect((await pullPackage(runtime, requestId)).status).toBe(404);
    } finally {
      await kms.send(new EnableKeyCommand({ KeyId: signingKeyId }));
      await receiver.close();
    }
  }, 40_000);

  it('retries a webhook that answers 500 and delivers the package once, intact', async () => {
    const receiver = await startWebhookReceiver({ failFirst: 2 });
    try {
      const target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
      const { requestId } = await submitShare(runtime, target);
      expect((await approve(runtime, requestId)).status).toBe(200);

      const delivered = await eventually(async () => {
        const status = await partnerRequest(runtime, requestId);
        return status.body.status === 'delivered' ? status : undefined;
      }, 30_000);
      expect(delivered.body.deliveryStatus).toBe('delivered');
      expect(receiver.attempts()).toBe(3);
      expect(receiver.received).toHaveLength(1);
      // One event: every retry carries the same id, in the header and in the body.
      const ids = receiver.attemptHeaders.map((headers) => headers['docshare-event-id']);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).toMatch(/^evt_[A-Za-z0-9_-]{20,}$/);
      expect(receiver.received[0]!.body.id).toBe(ids[0]);
      const { payload } = await decryptPackage(runtime, String(receiver.received[0]!.body.package));
      expect(payload.requestId).toBe(requestId);
      expect(payload.documents).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  }, 40_000);

  it('keeps the package pullable while the receiver is down, and says delivery is retrying', async () => {
    const receiver = await startWebhookReceiver();
    await receiver.close(); // nobody listens on its port any more
    const target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
    const { requestId } = await submitShare(runtime, target);
    expect((await approve(runtime, requestId)).status).toBe(200);

    const pulled = await eventually(async () => {
      const response = await pullPackage(runtime, requestId);
      return response.status === 200 ? response.text() : undefined;
    }, 30_000);
    const { payload } = await decryptPackage(runtime, pulled);
    expect(payload.documents.map((d: { type: string }) => d.type).sort()).toEqual([
      'internal-passport',
      'taxpayer-card',
    ]);
    const status = await eventually(async () => {
      const answer = await partnerRequest(runtime, requestId);
      return answer.body.deliveryStatus === 'retrying' ? answer : undefined;
    }, 30_000);
    expect(status.body.status).not.toBe('delivered');
  }, 60_000);
  it('answers 404 for a package before it exists and 410 once retention removed it', async () => {
    const target = await createBranchAndOffer(runtime);
    const { requestId } = await submitShare(runtime, target);
    const early = await pullPackage(runtime, requestId);
    expect(early.status).toBe(404);
    expect((await approve(runtime, requestId)).status).toBe(200);
    await eventually(async () => (await pullPackage(runtime, requestId)).status === 200, 30_000);

    // What the bucket's lifecycle rule does when the retention period ends.
    const s3 = new S3Client({
      endpoint: runtime.edgeUrl,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    const bucket = Buckets!.find((b) => b.Name!.startsWith('docshare-datacopies'))!.Name!;
    const key = `packages/${runtime.local.partner.partnerId}/${requestId}.jwe`;
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const late = await pullPackage(runtime, requestId);
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({ code: 'gone' });
  }, 40_000);
});

describe('a restart while a request waits for consent', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'docshare-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('still delivers when the citizen approves after the restart', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const first = await bootRuntime(dataDir);
      let requestId: string;
      try {
        const target = await createBranchAndOffer(first, { callbackUrl: receiver.url });
        ({ requestId } = await submitShare(first, target));
      } finally {
        await first.dispose();
      }

      const second = await bootRuntime(dataDir);
      try {
        expect((await partnerRequest(second, requestId)).body.status).toBe('pending_consent');
        expect((await approve(second, requestId)).status).toBe(200);
        const webhook = await eventually(
          async () => receiver.received.find((w) => w.body.requestId === requestId),
          30_000,
        );
        expect(webhook.body.event).toBe('request.delivered');
        const { payload } = await decryptPackage(second, String(webhook.body.package));
        expect(payload.requestId).toBe(requestId);
        await eventually(async () => (await partnerRequest(second, requestId)).body.status === 'delivered');
      } finally {
        await second.dispose();
      }
    } finally {
      await receiver.close();
    }
  }, 90_000);
});
