import * as z from 'zod';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { requestRef } from './task-input';

// Flow step: the request's final state. Transitions are conditional, so a late or repeated step
// cannot overwrite a decision (an approval that beat the timeout stays approved).

const input = requestRef.extend({
  outcome: z.enum(['delivered', 'expired', 'failed', 'delivery_failed']),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough().optional(),
});

const REASONS: Record<string, string> = {
  'States.Timeout': 'A step timed out',
  'States.TaskFailed': 'A step failed',
  AccessRevoked: 'The citizen revoked access',
};

export const handler = async (event: unknown) => {
  const { partnerId, requestId, outcome, error } = input.parse(event);
  const now = new Date().toISOString();
  let changed = false;
  switch (outcome) {
    case 'delivered': {
      // One write, so that nobody reads `delivered` beside a stale delivery status.
      const request = await dynamoRequestStore.get(partnerId, requestId);
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
      // Only our own error names reach the partner; causes may carry internals.
      const reason = REASONS[error?.Error ?? ''] ?? 'The copies could not be prepared';
      changed = await dynamoRequestStore.transition(partnerId, requestId, ['approved'], 'failed', {
        failureReason: reason,
      });
      break;
    }
    case 'delivery_failed':
      await dynamoRequestStore.update(partnerId, requestId, { deliveryStatus: 'failed' });
      changed = true;
      break;
  }
  if (changed) await dynamoRequestStore.audit(partnerId, requestId, outcome, 'system');
  return { outcome, changed };
};
