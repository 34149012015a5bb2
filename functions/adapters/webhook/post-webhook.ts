import { signWebhook, type WebhookEvent, WebhookNotDelivered } from '../../core/requests/webhook';

// One delivery attempt: any 2xx is success; anything else, or no answer within 10 s, is a failure
// the state machine retries with backoff.

const TIMEOUT_MS = 10_000;

export async function postWebhook(
  url: string,
  secret: string,
  event: WebhookEvent,
  requestId: string,
  body: Record<string, unknown>,
): Promise<number> {
  const raw = JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'docshare-event': event,
        'docshare-request-id': requestId,
        'docshare-signature': signWebhook(secret, raw, Math.floor(Date.now() / 1000)),
        'user-agent': 'docshare-webhooks/1',
      },
      body: raw,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
  } catch (error) {
    throw new WebhookNotDelivered(`No answer from the receiver: ${(error as Error).name}`);
  }
  if (response.status < 200 || response.status > 299) {
    throw new WebhookNotDelivered(`The receiver answered ${response.status}`);
  }
  return response.status;
}
