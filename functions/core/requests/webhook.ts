import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Webhook signatures (api.md § Webhooks): `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.

export type WebhookEvent =
  | 'request.delivered'
  | 'request.declined'
  | 'request.expired'
  | 'request.failed'
  | 'consent.revoked';

/**
 * The event's id (`Docshare-Event-Id`, and `id` in the body): derived from what the event is about,
 * so every retry and every redelivery of one event carries the same id and a receiver can drop
 * duplicates; a request has at most one event of each kind.
 */
export function webhookEventId(partnerId: string, requestId: string, event: WebhookEvent): string {
  const digest = createHash('sha256').update(`${partnerId}\n${requestId}\n${event}`).digest('base64url');
  return `evt_${digest.slice(0, 26)}`;
}

export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does: recompute, compare in constant time, refuse stale timestamps. */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
) {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signWebhook(secret, body, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WebhookNotDelivered extends Error {
  /** `httpStatus`: what the receiver answered, when it answered at all. */
  constructor(
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'WebhookNotDelivered';
  }
}
