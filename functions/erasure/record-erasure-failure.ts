import * as z from 'zod';
import { recordErasureFailure } from '../adapters/dynamo/erasure-store';
import { erasureFailure } from '../core/erasure/erase-citizen';
import { logger } from '../observability/logger';

// The erasure state machine's last state when a step keeps failing after every retry: records the
// failure (ERASURE#<erasureId>, status failed, the phase it stopped in) for the operator, whose
// alarm fires as the execution then fails. See docs/operations.md#erasure-failed.

const failureSchema = z.object({
  erasureId: z.string().min(1),
  requestedAt: z.string(),
  phase: z.enum(['revoke', 'copies', 'requests', 'owned', 'wallet', 'done']),
  error: z.string(),
});

export const handler = async (event: unknown): Promise<void> => {
  const input = failureSchema.parse(event);
  const failure = erasureFailure(input, input.error, new Date());
  await recordErasureFailure(failure);
  logger.error('erasure failed', {
    erasureId: failure.erasureId,
    phase: failure.phase,
    error: failure.error,
  });
};
