import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { callbackUrlProblem } from '../../core/partners/callback-url';
import { signWebhook, type WebhookEvent, WebhookNotDelivered } from '../../core/requests/webhook';
import { publicAddressLookup } from './public-address-lookup';

// One delivery attempt: any 2xx is success; anything else, or no answer within 10 s, is a failure
// the state machine retries with backoff. The URL is checked again at every attempt, and the
// connection goes only to an address checked for this attempt (see public-address-lookup). Every
// failure to reach the receiver reads the same ("no answer"): the partner learns nothing about why,
// so a callbackUrl cannot be used to map our network. node:http rather than fetch: fetch cannot be
// given a resolver without bundling undici.

const TIMEOUT_MS = 10_000;

export interface DeliveryPolicy {
  /** Local runtime only: receivers on the loopback host are allowed. */
  allowLoopback: boolean;
  lookup?: LookupFunction;
}

function post(url: URL, headers: Record<string, string>, raw: string, lookup: LookupFunction) {
  return new Promise<number>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(raw)) },
        lookup,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
      (response) => {
        response.resume(); // the body is not read: only the status matters
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(raw);
  });
}

export interface OutgoingEvent {
  event: WebhookEvent;
  eventId: string;
  requestId: string;
}

export async function postWebhook(
  url: string,
  secret: string,
  { event, eventId, requestId }: OutgoingEvent,
  body: Record<string, unknown>,
  policy: DeliveryPolicy,
): Promise<number> {
  const raw = JSON.stringify(body);
  if (callbackUrlProblem(url, policy.allowLoopback))
    throw new WebhookNotDelivered('No answer from the receiver');
  let status: number;
  try {
    status = await post(
      new URL(url),
      {
        'content-type': 'application/json',
        'docshare-event': event,
        'docshare-event-id': eventId,
        'docshare-request-id': requestId,
        'docshare-signature': signWebhook(secret, raw, Math.floor(Date.now() / 1000)),
        'user-agent': 'docshare-webhooks/1',
      },
      raw,
      policy.lookup ?? publicAddressLookup(policy.allowLoopback),
    );
  } catch {
    throw new WebhookNotDelivered('No answer from the receiver');
  }
  if (status < 200 || status > 299) throw new WebhookNotDelivered(`The receiver answered ${status}`, status);
  return status;
}
