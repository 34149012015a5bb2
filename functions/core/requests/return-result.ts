import { timingSafeEqual } from 'node:crypto';
import { Conflict, Forbidden, NotFound } from '../errors';
import type { RequestStore } from './request-store';
import { effectiveStatus, type ShareRequest } from './share-request';

// Same-device deep links (issue: relayed links): once the citizen decides, the way back to the
// partner (`returnLink`) carries a one-time result only docshare can make — a MAC of the request and
// its nonce under a key only KMS holds. The partner's session must present it
// (POST /v1/partner/requests/{requestId}/return-results) before it trusts the outcome: a fraudster
// who relayed the link to a victim waits in a session the result never reaches.

export const RETURN_RESULT_PARAM = 'docshareResult';

type DeeplinkRequest = ShareRequest & { deeplinkNonce?: string };

export interface ReturnResultPorts {
  requests: RequestStore;
  /** A keyed MAC of `message` (KMS GenerateMac). */
  mac(message: string): Promise<Buffer>;
}

const resultMessage = (request: DeeplinkRequest) =>
  `${request.partnerId}\n${request.requestId}\n${request.deeplinkNonce}`;

/** The result the citizen's way back carries; undefined while pending or for requests without one. */
export async function returnResultOf(
  mac: ReturnResultPorts['mac'],
  request: DeeplinkRequest,
  now = new Date(),
): Promise<string | undefined> {
  if (!request.returnLink || !request.deeplinkNonce) return undefined;
  if (effectiveStatus(request, now) === 'pending_consent') return undefined;
  return (await mac(resultMessage(request))).toString('base64url');
}

/** `returnLink` with the result as one more query parameter (its own parameters kept). */
export function returnLinkWithResult(returnLink: string, result: string): string {
  const url = new URL(returnLink);
  url.searchParams.set(RETURN_RESULT_PARAM, result);
  return url.toString();
}

/**
 * 1. Another partner's or an unknown request, or one without a way back: 404.
 * 2. Not decided yet: 409 (there is no result to present).
 * 3. A result that is not this request's: 403. Compared in constant time.
 * 4. Presented before: 409 — a result works once, for one session.
 */
export async function presentReturnResult(
  ports: ReturnResultPorts,
  partnerId: string,
  requestId: string,
  result: string,
  now = new Date(),
) {
  const request = (await ports.requests.get(partnerId, requestId)) as DeeplinkRequest | undefined;
  if (!request?.returnLink || !request.deeplinkNonce) throw new NotFound('return result');
  const status = effectiveStatus(request, now);
  if (status === 'pending_consent') throw new Conflict('The citizen has not decided yet');
  const expected = await ports.mac(resultMessage(request));
  const given = Buffer.from(result, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Forbidden('This is not the result docshare gave for this request');
  }
  if (!(await ports.requests.markReturnResultPresented(partnerId, requestId, now.toISOString()))) {
    throw new Conflict('This result was already presented');
  }
  return { requestId, status, presentedAt: now.toISOString() };
}
