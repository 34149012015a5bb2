import { dynamoPartnerStore } from '../adapters/dynamo/partner-store';
import { registerEncryptionKey } from '../core/partners/onboarding';
import { http } from '../http/handler';
import { putEncryptionKey } from './routes';

export const handler = http(putEncryptionKey, async ({ partner, body }) => {
  await registerEncryptionKey(dynamoPartnerStore, partner.partnerId, body.jwk);
});
