import * as z from 'zod';
import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { tableName } from '../adapters/dynamo/client';
import { attemptUpdate, dynamoDeliveryStore } from '../adapters/dynamo/delivery-store';
import { dynamoPartnerStore } from '../adapters/dynamo/partner-store';
import { auditItem, dynamoRequestStore, fieldsUpdate } from '../adapters/dynamo/request-store';
import { writeTogether } from '../adapters/dynamo/write-together';
import { getObject } from '../adapters/s3/bucket';
import { postWebhook } from '../adapters/webhook/post-webhook';
import { readEnv } from '../config/env';
import { WebhookNotDelivered, webhookEventId } from '../core/requests/webhook';
import { deliveryIdOf } from '../core/requests/webhook-deliveries';
import { logger } from '../observability/logger';
import { recordMetric } from '../observability/metrics';
import { deliveredTogether, recordOutcome } from './outcomes';
import { correlate, requestRef } from './task-input';

const env = readEnv({ ALLOW_LOOPBACK_CALLBACKS: z.enum(['true', 'false']).default('false') });
const deliveryPolicy = { allowLoopback: env.ALLOW_LOOPBACK_CALLBACKS === 'true' };

// Flow step: one webhook attempt to the branch's callbackUrl. A failure throws WebhookNotDelivered,
// which the state machine retries with exponential backoff and jitter for more than 24 hours —
// waiting in Step Functions, not in a Lambda. Branches without a callbackUrl are skipped (pull only).
// A delivered package also delivers the request (its outcome is recorded here rather than in a
// state of its own: every state a share passes is billed). The same task sends `consent.revoked`
// notices from the partner-notices state machine.

/** The webhook went out but the outcome could not be written: the flow records it in a task of its own. */
class OutcomeNotRecorded extends Error {
  override name = 'OutcomeNotRecorded';
}

const input = requestRef.extend({
  event: z.enum([
    'request.delivered',
    'request.declined',
    'request.expired',
    'request.failed',
    'consent.revoked',
  ]),
});

export const handler = async (event: unknown) => {
  const { partnerId, requestId, event: name } = input.parse(event);
  correlate({ partnerId, requestId });
  // The request and the partner's sealed secret in one BatchGetItem; the branch's id is on the request.
  const [request, sealedSecret] = await Promise.all([
    dynamoRequestStore.get(partnerId, requestId),
    dynamoPartnerStore.loadWebhookSecret(partnerId),
  ]);
  if (!request) throw new Error('The request is gone');
  const branch = await dynamoBranchStore.getBranch(partnerId, request.branchId);
  // The package is delivered once it is there to pull, whether or not a webhook says so.
  const delivers = name === 'request.delivered' && request.status === 'approved';
  const recordDelivered = async (attempts?: number) => {
    if (!delivers) return;
    await recordOutcome({ partnerId, requestId }, 'delivered', {
      request,
      ...(attempts ? { fields: { deliveryAttempts: attempts } } : {}),
    }).catch((error: Error) => {
      throw new OutcomeNotRecorded(error.message);
    });
  };
  if (!branch?.callbackUrl) {
    await recordDelivered();
    return { delivered: false, reason: 'no callbackUrl' };
  }
  const secret = await sealedSecret.open();
  if (!secret) throw new Error('The partner has no webhook secret');

  const eventId = webhookEventId(partnerId, requestId, name);
  const body: Record<string, unknown> = { id: eventId, event: name, requestId };
  if (name === 'consent.revoked' && request.consentId) body.consentId = request.consentId;
  if (name === 'request.failed') body.reason = request.failureCode ?? 'internal_error';
  if (name === 'request.delivered') {
    const jwe = request.packageKey ? await getObject(request.packageKey) : undefined;
    if (!jwe) throw new Error('The package is gone');
    body.package = Buffer.from(jwe).toString('utf8');
  }
  // Delivery statistics describe the package's first delivery; notices about the request, and
  // redeliveries the partner asks for once it was delivered, do not count. They are written with
  // what the attempt ends in (the request delivered, or retrying), not in a write of their own.
  const attempt = (request.deliveryAttempts ?? 0) + 1;
  const counted = name === 'request.delivered' && request.status !== 'delivered';
  const delivery = { deliveryId: deliveryIdOf(eventId), eventId, event: name, requestId };
  const started = new Date();
  const took = () => Date.now() - started.getTime();
  recordMetric('WebhookAttempts');
  let status: number;
  try {
    status = await postWebhook(
      branch.callbackUrl,
      secret,
      { event: name, eventId, requestId },
      body,
      deliveryPolicy,
    );
  } catch (error) {
    const httpStatus = error instanceof WebhookNotDelivered ? error.httpStatus : undefined;
    recordMetric('WebhookFailures');
    const entry = {
      at: started.toISOString(),
      ...(httpStatus === undefined ? { error: 'no_answer' as const } : { httpStatus }),
      ms: took(),
    };
    const audit = { event: name, attempt, failure: (error as Error).message };
    const retrying = { deliveryAttempts: attempt, deliveryStatus: 'retrying' as const };
    // The attempt, its audit entry and the request's count in one transaction; one at a time if a
    // condition refused it (the attempt list is full and must be trimmed, or the request is gone).
    const written = await writeTogether([
      { Update: attemptUpdate(partnerId, delivery, entry, { belowKept: true }) },
      attemptAudit(partnerId, requestId, audit),
      ...(counted ? [{ Update: fieldsUpdate(partnerId, requestId, retrying) }] : []),
    ]).catch(() => false); // a conflict or throttle: one at a time below
    if (!written) {
      try {
        await dynamoDeliveryStore.recordAttempt(partnerId, delivery, entry);
        await dynamoRequestStore.audit(partnerId, requestId, 'delivery_attempt', 'system', audit);
        if (counted) await dynamoRequestStore.update(partnerId, requestId, retrying);
      } catch (recordError) {
        // The webhook's own failure is what the flow must see: it retries that one.
        logger.warn('webhook attempt not recorded', { errorName: (recordError as Error).name });
      }
    }
    throw error;
  }
  const entry = { at: started.toISOString(), httpStatus: status, ms: took() };
  if (delivers) {
    // The attempt and the request delivered (with its audit entry) in one transaction.
    const delivered = deliveredTogether(
      request,
      { event: name, attempt, status },
      counted ? { deliveryAttempts: attempt } : {},
    );
    const written = await writeTogether([
      { Update: attemptUpdate(partnerId, delivery, entry, { belowKept: true }) },
      ...delivered.writes,
    ]).catch((error: Error) => {
      throw new OutcomeNotRecorded(error.message);
    });
    if (written) {
      delivered.written();
      return { delivered: true };
    }
  }
  await dynamoDeliveryStore.recordAttempt(partnerId, delivery, entry);
  await dynamoRequestStore.audit(partnerId, requestId, 'delivery_attempt', 'system', {
    event: name,
    attempt,
    status,
  });
  await recordDelivered(counted ? attempt : undefined);
  return { delivered: true };
};

const attemptAudit = (partnerId: string, requestId: string, details: Record<string, unknown>) => ({
  Put: {
    TableName: tableName,
    Item: auditItem(partnerId, requestId, { event: 'delivery_attempt', actor: 'system', details }),
  },
});
