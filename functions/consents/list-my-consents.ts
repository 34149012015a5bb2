import { dynamoConsentStore } from '../adapters/dynamo/consent-store';
import { dynamoCopyStore } from '../adapters/dynamo/copy-store';
import { holdingsOf } from '../core/consents/citizen-consents';
import { allPages, pageInMemory } from '../core/pagination';
import { http } from '../http/handler';
import { listMyConsents } from './routes';

export const handler = http(listMyConsents, async ({ citizen, query }) => {
  const [consents, copies] = await Promise.all([
    dynamoConsentStore.listForCitizen(citizen.citizenId),
    allPages((page) => dynamoCopyStore.listCitizenCopies(citizen.citizenId, page)),
  ]);
  return pageInMemory(holdingsOf(consents, copies, new Date()), query, 'consents');
});
