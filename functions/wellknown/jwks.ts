import { signingPublicJwk } from '../adapters/kms/signing-key';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { jwks } from './routes';

export const handler = http(jwks, async () =>
  reply.json(200, { keys: [await signingPublicJwk()] }, { 'cache-control': 'public, max-age=3600' }),
);
