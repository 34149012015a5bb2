import * as z from 'zod';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import type { RequestChannel } from '../core/requests/share-request';
import { logger } from '../observability/logger';
import { recordMetric } from '../observability/metrics';
import { correlate, requestRef } from './task-input';

// Flow step: the request's final state. Transitions are conditional, so a late or repeated step
// cannot overwrite a decision (an approval that beat the timeout stays approved).

const input = requestRef.extend({
  outcome: z.enum(['delivered', 'expired', 'failed', 'delivery_failed']),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough().optional(),
});

// What the partner is told (request.failed `reason`, and the request's failureReason): a code and a
// sentence per kind of failure, never the error's cause, which may carry internals.
const REASONS: Record<string, { code: string; text: string }> = {
  'States.Timeout': { code: 'timeout', text: 'A step timed out' },
  'States.TaskFailed': { code: 'internal_error', text: 'A step failed' },
  AccessRevoked: { code: 'access_revoked', text: 'The citizen revoked access' },
};
const COPY_FAILED = { code: 'copy_failed', text: 'The copies could not be prepared' };

export const handler = async (event: unknown) => {
  const { partnerId, requestId, outcome, error } = input.parse(event);
  correlate({ partnerId, requestId });
  const now = new Date().toISOString();
  const request = await dynamoRequestStore.get(partnerId, requestId);
  let changed = false;
  switch (outcome) {
    case 'delivered': {
      // One write, so that nobody reads `delivered` beside a stale delivery status.
      changed = await dynamoRequestStore.transition(partnerId, requestId, ['approved'], 'delivered', {
        deliveredAt: now,
        deliveryStatus: request?.deliveryStatus === 'pull_only' ? 'pull_only' : 'delivered',
      });
      break;
    }
    case 'expired':
      changed = await dynamoRequestStore.transition(partnerId, requestId, ['pending_consent'], 'expired');
      break;
    case 'failed': {
      // Only our own error names reach the partner; causes may carry internals. A request can fail
      // while it waits (the wait itself failed) or once approved (copies, package).
      const reason = REASONS[error?.Error ?? ''] ?? COPY_FAILED;
      changed = await dynamoRequestStore.transition(
        partnerId,
        requestId,
        ['pending_consent', 'approved'],
        'failed',
        { failureReason: reason.text, failureCode: reason.code },
      );
      break;
    }
    case 'delivery_failed':
      await dynamoRequestStore.update(partnerId, requestId, { deliveryStatus: 'failed' });
      changed = true;
      break;
  }
  if (changed) await dynamoRequestStore.audit(partnerId, requestId, outcome, 'system');
  if (changed && request) countOutcome(outcome, request.channel, request.decidedAt, now);
  logger.info('request outcome recorded', { outcome, changed, errorName: error?.Error });
  return { outcome, changed };
};

function countOutcome(
  outcome: z.infer<typeof input>['outcome'],
  channel: RequestChannel,
  decidedAt: string | undefined,
  now: string,
): void {
  if (outcome === 'delivered') {
    recordMetric('SharesDelivered', 1, channel);
    if (decidedAt) recordMetric('ApproveToDeliveredMs', Date.parse(now) - Date.parse(decidedAt), channel);
  }
  if (outcome === 'failed') recordMetric('SharesFailed', 1, channel);
}
