import { dynamoConsentStore } from '../adapters/dynamo/consent-store';
import { partnerConsentView } from '../core/consents/consent';
import { NotFound } from '../core/errors';
import { http } from '../http/handler';
import { getPartnerConsent } from './routes';

export const handler = http(getPartnerConsent, async ({ partner, params }) => {
  const consent = await dynamoConsentStore.getForPartner(partner.partnerId, params.consentId);
  if (!consent) throw new NotFound('consent');
  return partnerConsentView(consent);
});
