import { dynamoConsentStore } from '../adapters/dynamo/consent-store';
import { partnerConsentView } from '../core/consents/consent';
import { http } from '../http/handler';
import { listPartnerConsents } from './routes';

export const handler = http(listPartnerConsents, async ({ partner, query }) => {
  const now = new Date();
  const page = await dynamoConsentStore.listForPartner(partner.partnerId, query, now);
  return {
    items: page.items.map((consent) => partnerConsentView(consent, now)),
    nextCursor: page.nextCursor,
  };
});
