import * as z from 'zod';
import { recordOutcome } from './outcomes';
import { correlate, requestRef } from './task-input';

// Flow step: the request's final state (see outcomes.ts). A webhook delivery records its own success.

const input = requestRef.extend({
  outcome: z.enum(['delivered', 'expired', 'failed', 'delivery_failed']),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough().optional(),
});

export const handler = async (event: unknown) => {
  const { partnerId, requestId, outcome, error } = input.parse(event);
  correlate({ partnerId, requestId });
  return recordOutcome({ partnerId, requestId }, outcome, error ? { error } : {});
};
