import * as z from 'zod';
import { logger } from '../observability/logger';

// Inputs of the consent flow's tasks, checked at the edge of each Lambda like any HTTP body.
export const requestRef = z.object({ partnerId: z.string().min(1), requestId: z.string().min(1) });

/** Every line a flow task logs carries the request it works on (ids of our making, not personal). */
export function correlate(ref: { partnerId: string; requestId: string }): void {
  logger.appendKeys({ partnerId: ref.partnerId, requestId: ref.requestId });
}
