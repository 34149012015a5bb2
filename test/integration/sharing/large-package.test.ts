import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootRuntime, callApi } from '../support/runtime';
import {
  approve,
  createBranchAndOffer,
  decryptPackage,
  partnerRequest,
  submitShare,
} from '../support/sharing';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver';

// A package larger than a Lambda answer can carry (6 MB) is not pulled through the API: the API
// answers 303 with a short-lived presigned S3 URL. The inline limit is lowered here (stack parameter
// PackageInlineMaxBytes) so that a package of ordinary size crosses it.

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;

describe('pulling a package too large for an API answer', () => {
  let runtime: Runtime;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    runtime = await bootRuntime(undefined, { PackageInlineMaxBytes: '1000' });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await runtime?.dispose();
  });

  it('answers 303 to a presigned S3 URL that serves the same JWE, without the partner’s API key', async () => {
    const target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
    const { requestId } = await submitShare(runtime, target);
    expect((await approve(runtime, requestId)).status).toBe(200);
    await eventually(async () => (await partnerRequest(runtime, requestId)).body.status === 'delivered');

    const answer = await fetch(`${runtime.apiUrl}/v1/partner/requests/${requestId}/package`, {
      headers: { authorization: `Bearer ${runtime.local.partner.apiKey}` },
      redirect: 'manual',
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const location = new URL(answer.headers.get('location')!);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);

    const fromS3 = await fetch(location);
    expect(fromS3.status).toBe(200);
    expect(fromS3.headers.get('content-type')).toBe('application/jose');
    const jwe = await fromS3.text();
    const webhook = receiver.received.find((w) => w.body.requestId === requestId)!;
    expect(jwe).toBe(webhook.body.package);
    const { payload } = await decryptPackage(runtime, jwe);
    expect(payload.requestId).toBe(requestId);

    // Without a valid API key: 401, not a URL.
    const stranger = await callApi(runtime, 'GET', `/v1/partner/requests/${requestId}/package`, {
      token: 'dsk_live_not-a-key',
    });
    expect(stranger.status).toBe(401);
  });
});
