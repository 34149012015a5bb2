import * as z from 'zod';
import { listQuery } from '../partner/schemas';

const events = [
  'request.delivered',
  'request.declined',
  'request.expired',
  'request.failed',
  'consent.revoked',
] as const;

export const deliveryListQuery = listQuery.extend({
  requestId: z.uuid().optional(),
  event: z.enum(events).optional(),
  status: z.enum(['retrying', 'delivered']).optional(),
});

export const deliveryParams = z.strictObject({ deliveryId: z.string().regex(/^whd_[A-Za-z0-9_-]{10,60}$/) });

export const deliverySchema = z
  .object({
    deliveryId: z.string(),
    eventId: z.string().meta({ description: 'The Docshare-Event-Id header and `id` of every attempt' }),
    event: z.enum(events),
    requestId: z.string(),
    status: z.enum(['retrying', 'delivered']).meta({
      description: 'delivered once any attempt got a 2xx; retrying while docshare keeps trying',
    }),
    attempts: z
      .array(
        z.object({
          at: z.string(),
          httpStatus: z.number().int().optional(),
          error: z
            .enum(['no_answer'])
            .optional()
            .meta({ description: 'no answer within 10 s, or not reachable' }),
          ms: z.number().int(),
        }),
      )
      .meta({ description: 'The latest attempts, oldest first (at most 25)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({
    id: 'WebhookDelivery',
    examples: [
      {
        deliveryId: 'whd_Qx3vK8m2Lr9TzP4wYb1cNd7eFa',
        eventId: 'evt_Qx3vK8m2Lr9TzP4wYb1cNd7eFa',
        event: 'request.delivered',
        requestId: '6f1c2a9e-4b7d-4c1e-9a51-2d8e7f3b0c44',
        status: 'delivered',
        attempts: [
          { at: '2026-12-03T10:01:02.000Z', httpStatus: 503, ms: 84 },
          { at: '2026-12-03T10:01:35.000Z', httpStatus: 204, ms: 61 },
        ],
        createdAt: '2026-12-03T10:01:02.000Z',
        updatedAt: '2026-12-03T10:01:35.000Z',
      },
    ],
  });

export const redeliverySchema = z
  .object({ deliveryId: z.string(), eventId: z.string(), status: z.literal('redelivering') })
  .meta({ id: 'Redelivery' });
