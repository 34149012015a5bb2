import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartner } from '../support/partners';
import { bootRuntime, callApi } from '../support/runtime';
import { approve, createBranchAndOffer, partnerRequest, submitShare } from '../support/sharing';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver';

// The partner's webhook delivery log and redelivery, end to end: the flow's attempts are listed with
// their outcomes, and a redelivery sends the same event (same id) again.

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
type Delivery = {
  deliveryId: string;
  eventId: string;
  event: string;
  requestId: string;
  status: string;
  attempts: Array<{ at: string; httpStatus?: number; error?: string; ms: number }>;
};

describe('webhook deliveries', () => {
  let runtime: Runtime;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let requestId: string;
  const key = () => runtime.local.partner.apiKey;
  const list = (query: string, token = key()) =>
    callApi<{ items: Delivery[]; nextCursor?: string }>(
      runtime,
      'GET',
      `/v1/partner/webhook-deliveries${query}`,
      {
        token,
      },
    );

  beforeAll(async () => {
    runtime = await bootRuntime();
    receiver = await startWebhookReceiver({ failFirst: 1 });
    const target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
    ({ requestId } = await submitShare(runtime, target));
    expect((await approve(runtime, requestId)).status).toBe(200);
    await eventually(
      async () => (await partnerRequest(runtime, requestId)).body.status === 'delivered',
      30_000,
    );
  });
  afterAll(async () => {
    await receiver?.close();
    await runtime?.dispose();
  });

  it('lists a delivery with each attempt: the refused one and the accepted one', async () => {
    const answer = await list(`?requestId=${requestId}`);
    expect(answer.status).toBe(200);
    expect(answer.body.items).toHaveLength(1);
    const [delivery] = answer.body.items;
    expect(delivery).toMatchObject({ event: 'request.delivered', requestId, status: 'delivered' });
    expect(delivery!.deliveryId).toMatch(/^whd_/);
    expect(delivery!.attempts.map((attempt) => attempt.httpStatus)).toEqual([500, 204]);
    for (const attempt of delivery!.attempts) {
      expect(Date.parse(attempt.at)).not.toBeNaN();
      expect(attempt.ms).toBeGreaterThanOrEqual(0);
    }
    const sent = receiver.received.find((hook) => hook.body.requestId === requestId)!;
    expect(delivery!.eventId).toBe(sent.headers['docshare-event-id']);
  });

  it('filters by event and status, and pages', async () => {
    expect((await list(`?requestId=${requestId}&event=request.declined`)).body.items).toEqual([]);
    expect((await list(`?requestId=${requestId}&status=retrying`)).body.items).toEqual([]);
    expect(
      (await list(`?requestId=${requestId}&status=delivered&event=request.delivered`)).body.items,
    ).toHaveLength(1);
    const first = await list('?limit=1');
    expect(first.body.items).toHaveLength(1);
  });

  it('refuses bad filters and other partners’ deliveries', async () => {
    for (const query of [
      '?status=lost',
      '?event=request.lost',
      '?limit=0',
      '?limit=101',
      '?requestId=not-a-uuid',
      '?extra=1',
    ]) {
      expect((await list(query)).status, query).toBe(400);
    }
    const other = await createPartner(runtime, 'Чужий банк', ['internal-passport']);
    expect((await list(`?requestId=${requestId}`, other.apiKey)).body.items).toEqual([]);
    const [delivery] = (await list(`?requestId=${requestId}`)).body.items;
    const redeliver = (id: string, token = key()) =>
      callApi(runtime, 'POST', `/v1/partner/webhook-deliveries/${id}/redeliver`, { token });
    expect((await redeliver(delivery!.deliveryId, other.apiKey)).status).toBe(404);
    expect((await redeliver('whd_AAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await redeliver('not-a-delivery')).status).toBe(400);
    expect((await redeliver(delivery!.deliveryId, 'dsk_wrong')).status).toBe(401);
  });

  it('redelivers the same event with the same id, and limits redeliveries to 10 a minute', async () => {
    const [delivery] = (await list(`?requestId=${requestId}`)).body.items;
    const before = receiver.received.filter((hook) => hook.body.requestId === requestId).length;
    const again = await callApi(
      runtime,
      'POST',
      `/v1/partner/webhook-deliveries/${delivery!.deliveryId}/redeliver`,
      {
        token: key(),
      },
    );
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ deliveryId: delivery!.deliveryId, eventId: delivery!.eventId });
    const resent = await eventually(async () => {
      const hooks = receiver.received.filter((hook) => hook.body.requestId === requestId);
      return hooks.length > before ? hooks.at(-1) : undefined;
    }, 30_000);
    expect(resent.headers['docshare-event-id']).toBe(delivery!.eventId);
    expect(resent.body.id).toBe(delivery!.eventId);
    await eventually(async () => {
      const [now] = (await list(`?requestId=${requestId}`)).body.items;
      return now!.attempts.length === 3 ? now : undefined;
    });
    expect((await partnerRequest(runtime, requestId)).body).toMatchObject({
      status: 'delivered',
      deliveryStatus: 'delivered',
    });

    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await callApi(
        runtime,
        'POST',
        `/v1/partner/webhook-deliveries/${delivery!.deliveryId}/redeliver`,
        {
          token: key(),
        },
      );
      statuses.push(answer.status);
      if (answer.status === 429) {
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.body).toMatchObject({ code: 'rate_limited' });
      }
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(202));
    expect(statuses[9]).toBe(429);
  }, 60_000);
});
