import { verifyCopyQr as verifyQr } from '../core/copies/verify-copy';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { verifyCopyQr } from './routes';
import { NO_STORE, verificationContext } from './verification-context';

export const handler = http(verifyCopyQr, async ({ body }) =>
  reply.json(200, await verifyQr(body.qr, await verificationContext()), NO_STORE),
);
