import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { macOf } from '../adapters/kms/mac';
import { openDeeplink as open, sessionCodeOf } from '../core/requests/deeplinks';
import { returnLinkWithResult, returnResultOf } from '../core/requests/return-result';
import { citizenRequestView } from '../core/requests/share-request';
import { http } from '../http/handler';
import { openDeeplink } from './routes';

const mac = (message: string) => macOf('return-result', message);

export const handler = http(openDeeplink, async ({ citizen, params }) => {
  const request = await open(dynamoRequestStore, citizen.citizenId, params.token);
  // Decided: the way back carries the one-time result the partner's session must present.
  const result = await returnResultOf(mac, request);
  return {
    ...citizenRequestView(request),
    returnLink:
      request.returnLink && result ? returnLinkWithResult(request.returnLink, result) : request.returnLink,
    sessionCode: sessionCodeOf(request),
  };
});
