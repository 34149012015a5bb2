import { NotFound, RateLimited } from '../errors';
import type { Page, PageRequest } from '../pagination';
import {
  countAttempt,
  type RateLimitCounterStore,
  type SlidingWindowLimit,
} from '../ratelimit/sliding-window';
import type { WebhookEvent } from './webhook';

// The partner's log of webhook deliveries (api.md § Webhooks): one delivery per event, its attempts
// (time, HTTP status or error kind, duration), and redelivery on demand. A delivery's id is its
// event's id with another prefix, so a delivery attempt can record itself without a look-up.

export type DeliveryStatus = 'retrying' | 'delivered';

export interface DeliveryAttempt {
  at: string;
  httpStatus?: number;
  error?: string;
  ms: number;
}

export interface WebhookDelivery {
  deliveryId: string;
  eventId: string;
  event: WebhookEvent;
  requestId: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryFilter {
  requestId?: string;
  event?: WebhookEvent;
  status?: DeliveryStatus;
}

export interface DeliveryStore {
  /** Appends one attempt (creating the delivery on its first), and sets the status it leads to. */
  recordAttempt(
    partnerId: string,
    delivery: Pick<WebhookDelivery, 'deliveryId' | 'eventId' | 'event' | 'requestId'>,
    attempt: DeliveryAttempt,
  ): Promise<void>;
  get(partnerId: string, deliveryId: string): Promise<WebhookDelivery | undefined>;
  list(partnerId: string, filter: DeliveryFilter, page: PageRequest): Promise<Page<WebhookDelivery>>;
}

/** The attempts kept per delivery: enough to see a pattern, bounded so an item stays small. */
export const KEPT_ATTEMPTS = 25;

export const deliveryIdOf = (eventId: string) => `whd_${eventId.replace(/^evt_/, '')}`;

/** One partner may ask for this many redeliveries a minute: each one is an outbound call we make. */
export const REDELIVERY_LIMIT: SlidingWindowLimit = { limit: 10, windowSeconds: 60 };

export interface RedeliveryPorts {
  deliveries: DeliveryStore;
  rateLimits: RateLimitCounterStore;
  /** Sends the event again now (with the usual retries), as a fresh, separately named run. */
  send(partnerId: string, requestId: string, event: WebhookEvent, attemptName: string): Promise<void>;
}

/**
 * 1. The delivery must be the partner's (404 otherwise, another partner's included).
 * 2. Count the call against the partner's redelivery limit (429 with Retry-After above it).
 * 3. Send the same event (same event id) again now; every call sends once.
 */
export async function redeliver(
  ports: RedeliveryPorts,
  partnerId: string,
  deliveryId: string,
  now = new Date(),
) {
  const delivery = await ports.deliveries.get(partnerId, deliveryId);
  if (!delivery) throw new NotFound('webhook delivery');
  const subject = `redeliver#${partnerId}`;
  const nowMs = now.getTime();
  await countAttempt(ports.rateLimits, subject, nowMs, REDELIVERY_LIMIT, (wait) => new RateLimited(wait));
  await ports.send(partnerId, delivery.requestId, delivery.event, `${deliveryId}-${nowMs}`);
  return { deliveryId, eventId: delivery.eventId, status: 'redelivering' as const };
}
