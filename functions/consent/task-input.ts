import * as z from 'zod';

// Inputs of the consent flow's tasks, checked at the edge of each Lambda like any HTTP body.
export const requestRef = z.object({ partnerId: z.string().min(1), requestId: z.string().min(1) });
