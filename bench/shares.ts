import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalRuntime } from '../local/runtime';
import { approve, partnerRequest, submitShare } from '../test/integration/support/sharing';
import { type ReceivedWebhook, startWebhookReceiver } from '../test/integration/support/webhook-receiver';

// End-to-end shares: barcode → document request → approve → copies issued, package built, webhook
// delivered → status `delivered`. Times are taken from the moment the approve call returns.

type Runtime = Pick<LocalRuntime, 'apiUrl' | 'local'>;

export interface ShareTiming {
  requestId: string;
  /** The approve call itself (HTTP round trip). */
  approveMs: number;
  /** Approve returned → the `request.delivered` webhook reached the receiver (exact, push). */
  webhookMs?: number;
  /** Approve returned → GET /v1/partner/requests/{id} first answered `delivered` (resolution: poll interval). */
  statusMs?: number;
  /** The earlier of the two: when the partner could first have known. */
  deliveredMs?: number;
  /** `performance.now()` at that moment, so a batch's throughput ends at its last delivery. */
  deliveredAt?: number;
  error?: string;
}

/** A webhook receiver on 127.0.0.1 that also notes when each request's webhook arrived. */
export async function startTimedReceiver() {
  const receiver = await startWebhookReceiver();
  const arrivals = new Map<string, { at: number; webhook: ReceivedWebhook }>();
  const push = receiver.received.push.bind(receiver.received);
  receiver.received.push = (...items: ReceivedWebhook[]) => {
    const at = performance.now();
    for (const webhook of items) arrivals.set(String(webhook.body.requestId), { at, webhook });
    return push(...items);
  };
  return { ...receiver, arrivals };
}

export type TimedReceiver = Awaited<ReturnType<typeof startTimedReceiver>>;

/**
 * Creates `count` pending requests one after another: a citizen's document has one live barcode at a
 * time, so minting them concurrently would void each other's codes (and count as guesses).
 */
export async function createPendingShares(
  runtime: Runtime,
  target: { branchId: string; offerId: string },
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { requestId, answer } = await submitShare(runtime, target);
    if (answer.status !== 202)
      throw new Error(`document request: ${answer.status} ${JSON.stringify(answer.body)}`);
    ids.push(requestId);
  }
  return ids;
}

/**
 * When the status is polled: from the approve on (one share at a time, where polls load nothing), only
 * once the webhook has arrived (shares at once: a partner with a webhook does not poll, and 50 polls a
 * second were ~20 % of the machine's CPU, which slowed the very deliveries being timed), or never.
 */
export type StatusPolling = 'from-approve' | 'after-webhook' | 'never';

/**
 * Approves one pending request and waits (bounded by `timeoutMs`) until the webhook has arrived and,
 * unless `polling` is 'never', the partner API says `delivered`, polling the status every `pollEveryMs`.
 */
export async function approveAndTime(
  runtime: Runtime,
  receiver: TimedReceiver,
  requestId: string,
  pollEveryMs: number,
  timeoutMs = 30_000,
  polling: StatusPolling = 'from-approve',
): Promise<ShareTiming> {
  const sent = performance.now();
  const answer = await approve(runtime, requestId);
  const approvedAt = performance.now();
  const timing: ShareTiming = { requestId, approveMs: approvedAt - sent };
  if (answer.status !== 200) {
    timing.error = `approve: ${answer.status} ${JSON.stringify(answer.body)}`;
    return timing;
  }
  const deadline = approvedAt + timeoutMs;
  while (performance.now() < deadline) {
    const arrival = receiver.arrivals.get(requestId);
    if (arrival) timing.webhookMs = arrival.at - approvedAt;
    const pollNow =
      timing.statusMs === undefined &&
      (polling === 'from-approve' || (polling === 'after-webhook' && timing.webhookMs !== undefined));
    if (pollNow) {
      const status = await partnerRequest(runtime, requestId);
      const now = performance.now();
      const value = String(status.body.status);
      if (value === 'delivered') timing.statusMs = now - approvedAt;
      else if (status.status !== 200 || !['approved', 'pending_consent'].includes(value)) {
        timing.error = `status: ${status.status} ${value}`;
        break;
      }
    }
    if ((timing.statusMs !== undefined || polling === 'never') && timing.webhookMs !== undefined) break;
    // While only the receiver's map is looked at (no poll under way), look often: that costs nothing.
    const onlyWaitingForWebhook = polling !== 'from-approve' && timing.webhookMs === undefined;
    await sleep(onlyWaitingForWebhook ? Math.min(pollEveryMs, 5) : pollEveryMs);
  }
  if (timing.statusMs === undefined && timing.webhookMs === undefined && !timing.error)
    timing.error = `not delivered within ${timeoutMs} ms`;
  const known = [timing.webhookMs, timing.statusMs].filter((value): value is number => value !== undefined);
  if (known.length) {
    timing.deliveredMs = Math.min(...known);
    timing.deliveredAt = approvedAt + timing.deliveredMs;
  }
  return timing;
}
