import * as z from 'zod';
import { type ErasureState, eraseStep } from '../core/erasure/erase-citizen';
import { erasurePorts } from './ports';

// Step of the erasure state machine: one bounded batch of one phase; the machine loops until `done`.

const stateSchema = z.object({
  citizenId: z.string().min(1),
  erasureId: z.string().min(1),
  requestedAt: z.string(),
  phase: z.enum(['revoke', 'copies', 'requests', 'owned', 'wallet', 'done']),
  counts: z.object({
    partners: z.number().int(),
    copies: z.number().int(),
    requests: z.number().int(),
    items: z.number().int(),
  }),
});

export const handler = async (event: unknown): Promise<ErasureState> =>
  eraseStep(erasurePorts, stateSchema.parse(event));
