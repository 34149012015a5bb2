import { tableName } from '../adapters/dynamo/client';
import { auditItem, dynamoRequestStore, transitionUpdate } from '../adapters/dynamo/request-store';
import type { TransactItem } from '../adapters/dynamo/write-together';
import type { RequestChannel, ShareRequest } from '../core/requests/share-request';
import { logger } from '../observability/logger';
import { recordMetric } from '../observability/metrics';

// A request's final state. Transitions are conditional, so a late or repeated step cannot overwrite
// a decision (an approval that beat the timeout stays approved).

export type Outcome = 'delivered' | 'expired' | 'failed' | 'delivery_failed';

export interface FlowError {
  Error?: string;
  Cause?: string;
}

// What the partner is told (request.failed `reason`, and the request's failureReason): a code and a
// sentence per kind of failure, never the error's cause, which may carry internals.
const REASONS: Record<string, { code: string; text: string }> = {
  'States.Timeout': { code: 'timeout', text: 'A step timed out' },
  'States.TaskFailed': { code: 'internal_error', text: 'A step failed' },
  AccessRevoked: { code: 'access_revoked', text: 'The citizen revoked access' },
};
const COPY_FAILED = { code: 'copy_failed', text: 'The copies could not be prepared' };

/**
 * Records `outcome` on the request; `changed` is false when the request had already left the states
 * it applies to. `request` is the caller's read of it, when it has one (saves reading it again);
 * `fields` are written in the same update (a delivery's attempt count).
 */
export async function recordOutcome(
  ref: { partnerId: string; requestId: string },
  outcome: Outcome,
  options: { error?: FlowError; request?: ShareRequest; fields?: Partial<ShareRequest> } = {},
): Promise<{ outcome: Outcome; changed: boolean }> {
  const { partnerId, requestId } = ref;
  const { error } = options;
  const now = new Date().toISOString();
  const request = options.request ?? (await dynamoRequestStore.get(partnerId, requestId));
  let changed = false;
  switch (outcome) {
    case 'delivered': {
      // One write, so that nobody reads `delivered` beside a stale delivery status.
      changed = await dynamoRequestStore.transition(
        partnerId,
        requestId,
        ['approved'],
        'delivered',
        deliveredFields(request, now, options.fields),
      );
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
}

const deliveredFields = (
  request: ShareRequest | undefined,
  now: string,
  fields?: Partial<ShareRequest>,
): Partial<ShareRequest> => ({
  ...fields,
  deliveredAt: now,
  deliveryStatus: request?.deliveryStatus === 'pull_only' ? 'pull_only' : 'delivered',
});

/**
 * The writes that record an approved request delivered, for the caller's transaction (the webhook
 * attempt that delivered it goes in the same one), and what to do once they are written.
 */
export function deliveredTogether(
  request: ShareRequest,
  details: Record<string, unknown>,
  fields?: Partial<ShareRequest>,
): { writes: TransactItem[]; written(): void } {
  const { partnerId, requestId } = request;
  const now = new Date().toISOString();
  return {
    writes: [
      {
        Update: transitionUpdate(
          partnerId,
          requestId,
          ['approved'],
          'delivered',
          deliveredFields(request, now, fields),
        ),
      },
      {
        Put: {
          TableName: tableName,
          Item: auditItem(partnerId, requestId, { event: 'delivered', actor: 'system', details }),
        },
      },
    ],
    written() {
      countOutcome('delivered', request.channel, request.decidedAt, now);
      logger.info('request outcome recorded', { outcome: 'delivered', changed: true });
    },
  };
}

function countOutcome(
  outcome: Outcome,
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
