import * as z from 'zod';

export const erasureSchema = z
  .object({
    erasureId: z.string(),
    status: z.literal('in_progress'),
  })
  .meta({ id: 'Erasure' });
