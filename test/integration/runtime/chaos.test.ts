import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bootRuntime, callApi, type JsonAnswer } from '../support/runtime';
import { approve, citizenOf, createBranchAndOffer, decryptPackage, partnerRequest } from '../support/sharing';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver';

// Shares under injected AWS faults, through LocalStack's Chaos API on the embedded edge (so the same
// test runs against LocalStack Pro). The clients here do what the partner guide tells partners and
// apps to do: on 503 or 429, wait Retry-After seconds and send the same call again.

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
type Target = { branchId: string; offerId: string };

/** A call as a well-behaved client makes it: 503 and 429 are retried after Retry-After. */
async function patiently<T>(call: () => Promise<JsonAnswer<T>>): Promise<JsonAnswer<T>> {
  for (let attempt = 1; ; attempt++) {
    const answer = await call();
    if ((answer.status !== 503 && answer.status !== 429) || attempt === 30) return answer;
    await new Promise((resolve) =>
      setTimeout(resolve, Number(answer.headers.get('retry-after') ?? 1) * 1000),
    );
  }
}

describe('shares under AWS faults (chaos API)', () => {
  let runtime: Runtime;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let target: Target;
  const chaos = (path: 'faults' | 'effects', body: unknown) =>
    fetch(`${runtime.local.awsEndpoint}/_localstack/chaos/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => expect(response.status).toBe(200));

  beforeAll(async () => {
    runtime = await bootRuntime();
    receiver = await startWebhookReceiver();
    target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
  });
  afterEach(async () => {
    await chaos('faults', []);
    await chaos('effects', { latency: 0 });
  });
  afterAll(async () => {
    await receiver?.close();
    await runtime?.dispose();
  });

  /** Deep link → opened by the citizen → approved with the PIN, every call retried as advised. */
  async function shareByDeeplink(citizenId: string): Promise<string> {
    const requestId = randomUUID();
    const created = await patiently(() =>
      callApi(runtime, 'POST', `/v1/partner/branches/${target.branchId}/offers/${target.offerId}/deeplinks`, {
        token: runtime.local.partner.apiKey,
        body: { requestId },
      }),
    );
    expect([200, 201], JSON.stringify(created.body)).toContain(created.status);
    const token = String(created.body.deeplink).split('/').pop()!;
    const opened = await patiently(() =>
      callApi(runtime, 'GET', `/v1/me/deeplinks/${token}`, { token: citizenOf(runtime, citizenId).token }),
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const approved = await patiently(() => approve(runtime, requestId, citizenId));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    return requestId;
  }

  const statusOf = async (requestId: string) =>
    (await patiently(() => partnerRequest(runtime, requestId))).body.status as string;

  /** The delivered package: one copy per offered document the citizen holds, none twice. */
  async function expectOneCopyPerDocument(requestId: string) {
    const hooks = receiver.received.filter(
      (hook) => hook.body.requestId === requestId && hook.body.event === 'request.delivered',
    );
    expect(hooks.length).toBeGreaterThanOrEqual(1);
    // Delivery is at least once: a retried webhook is the same event (same id), never a new package.
    expect(new Set(hooks.map((hook) => hook.body.id)).size).toBe(1);
    const { payload } = await decryptPackage(runtime, String(hooks[0]!.body.package));
    const documents = payload.documents as Array<{ type: string; copyId: string }>;
    expect(documents.map((d) => d.type).sort()).toEqual(['internal-passport', 'taxpayer-card']);
    expect(new Set(documents.map((d) => d.copyId)).size).toBe(documents.length);
  }

  it('delivers 20 concurrent shares, one copy per document each, with 10 % of AWS calls throttled and 50 ms latency', async () => {
    await chaos('effects', { latency: 50 });
    await chaos('faults', [
      { service: 'dynamodb', probability: 0.1, error: { statusCode: 400, code: 'ThrottlingException' } },
      { service: 'kms', probability: 0.1, error: { statusCode: 400, code: 'ThrottlingException' } },
      { service: 's3', probability: 0.1, error: { statusCode: 503, code: 'SlowDown' } },
      { service: 'stepfunctions', probability: 0.1, error: { statusCode: 400, code: 'ThrottlingException' } },
    ]);
    const requestIds = await Promise.all(
      Array.from({ length: 20 }, (_, i) => shareByDeeplink(i % 2 === 0 ? 'cit_demo_1' : 'cit_demo_2')),
    );
    for (const requestId of requestIds) {
      await eventually(
        async () => ((await statusOf(requestId)) === 'delivered' ? true : undefined),
        150_000,
        500,
      );
    }
    await chaos('faults', []);
    for (const requestId of requestIds) await expectOneCopyPerDocument(requestId);
  }, 240_000);

  it('delivers shares approved while KMS Sign fails, once it recovers 30 s later', async () => {
    await chaos('faults', [
      { service: 'kms', operation: 'Sign', error: { statusCode: 500, code: 'KMSInternalException' } },
    ]);
    const outageEnds = Date.now() + 30_000;
    const requestIds = await Promise.all([shareByDeeplink('cit_demo_1'), shareByDeeplink('cit_demo_2')]);
    // While Sign fails, no copy can be made: the shares wait, approved, neither failed nor delivered.
    await new Promise((resolve) => setTimeout(resolve, outageEnds - Date.now() - 2_000));
    for (const requestId of requestIds) expect(await statusOf(requestId)).toBe('approved');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageEnds - Date.now())));
    await chaos('faults', []);
    for (const requestId of requestIds) {
      await eventually(
        async () => ((await statusOf(requestId)) === 'delivered' ? true : undefined),
        90_000,
        500,
      );
      await expectOneCopyPerDocument(requestId);
    }
  }, 180_000);
});
