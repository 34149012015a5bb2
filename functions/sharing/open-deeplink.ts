import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { openDeeplink as open, sessionCodeOf } from '../core/requests/deeplinks';
import { citizenRequestView } from '../core/requests/share-request';
import { http } from '../http/handler';
import { openDeeplink } from './routes';

export const handler = http(openDeeplink, async ({ citizen, params }) => {
  const request = await open(dynamoRequestStore, citizen.citizenId, params.token);
  return {
    ...citizenRequestView(request),
    returnLink: request.returnLink,
    sessionCode: sessionCodeOf(request),
  };
});
