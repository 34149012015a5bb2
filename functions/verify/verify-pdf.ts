import { verifyCopyPdf as verifyPdf } from '../core/copies/verify-copy';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { verifyCopyPdf } from './routes';
import { NO_STORE, verificationContext } from './verification-context';

export const handler = http(verifyCopyPdf, async ({ rawBody }) =>
  reply.json(200, await verifyPdf(rawBody!, await verificationContext()), NO_STORE),
);
