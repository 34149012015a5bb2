import { dynamoCopyStore } from '../adapters/dynamo/copy-store';
import { lookUpCopy } from '../core/copies/verify-copy';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { getCopyStatus } from './routes';
import { NO_STORE } from './verification-context';

export const handler = http(getCopyStatus, async ({ params }) =>
  reply.json(200, await lookUpCopy(dynamoCopyStore, params.copyId, new Date()), NO_STORE),
);
