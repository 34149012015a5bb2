import { http } from '../http/handler';
import { devIdentity } from './identity-key';
import { jwks } from './routes';

export const handler = http(jwks, async () => ({ keys: [await devIdentity.publicJwk()] }));
