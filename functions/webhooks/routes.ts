import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';
import { listOf } from '../partner/schemas';
import { deliveryListQuery, deliveryParams, deliverySchema, redeliverySchema } from './schemas';

// The partner's webhook delivery log and redelivery (api.md § Webhooks).

const partner = { tags: ['webhooks'], auth: 'partner' } as const;

export const listWebhookDeliveries = defineRoute({
  ...partner,
  method: 'GET',
  path: '/v1/partner/webhook-deliveries',
  operationId: 'listWebhookDeliveries',
  summary: 'Webhook deliveries, newest first, each with its attempts; filter by requestId, event, status',
  query: deliveryListQuery,
  responses: {
    200: {
      description: 'Deliveries of the last 30 days',
      schema: listOf(deliverySchema, 'WebhookDeliveryList'),
    },
    400: problems[400],
    401: problems[401],
  },
});

export const redeliverWebhook = defineRoute({
  ...partner,
  method: 'POST',
  path: '/v1/partner/webhook-deliveries/{deliveryId}/redeliver',
  operationId: 'redeliverWebhook',
  summary: 'Send a delivery’s event (same event id) again now; each call sends once; 10 per minute',
  params: deliveryParams,
  successStatus: 202,
  responses: {
    202: { description: 'Sending again', schema: redeliverySchema },
    400: problems[400],
    401: problems[401],
    404: problems[404],
    429: problems[429],
  },
});
