import { dynamoDeliveryStore } from '../adapters/dynamo/delivery-store';
import { dynamoRateLimitStore } from '../adapters/dynamo/rate-limit-store';
import { stepFunctionsPartnerNotices } from '../adapters/sfn/partner-notices';
import { redeliver } from '../core/requests/webhook-deliveries';
import { http } from '../http/handler';
import { redeliverWebhook } from './routes';

const ports = {
  deliveries: dynamoDeliveryStore,
  rateLimits: dynamoRateLimitStore,
  send: stepFunctionsPartnerNotices.resend,
};

export const handler = http(redeliverWebhook, async ({ partner, params }) =>
  redeliver(ports, partner.partnerId, params.deliveryId),
);
