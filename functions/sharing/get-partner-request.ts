import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { NotFound } from '../core/errors';
import { partnerRequestView } from '../core/requests/share-request';
import { http } from '../http/handler';
import { getPartnerRequest } from './routes';

export const handler = http(getPartnerRequest, async ({ partner, params }) => {
  // Keyed by the caller's own partnerId: another partner's requestId is simply not found.
  const request = await dynamoRequestStore.get(partner.partnerId, params.requestId);
  if (!request) throw new NotFound('request');
  return partnerRequestView(request);
});
