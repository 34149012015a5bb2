import { dynamoPartnerStore } from '../adapters/dynamo/partner-store';
import { rotateWebhookSecret as rotate } from '../core/partners/onboarding';
import { http } from '../http/handler';
import { rotateWebhookSecret } from './routes';

export const handler = http(rotateWebhookSecret, async ({ partner }) =>
  rotate(dynamoPartnerStore, partner.partnerId),
);
