import { citizenExists } from '../adapters/dynamo/citizen-profile';
import { NotFound } from '../core/errors';
import { http } from '../http/handler';
import { devIdentity } from './identity-key';
import { citizenToken } from './routes';

// Local only: a citizen token without the browser flow, for tests and scripts (the seeding uses it).
const TOKEN_LIFETIME_SECONDS = 12 * 3600;

export const handler = http(citizenToken, async ({ body }) => {
  if (!(await citizenExists(body.citizenId))) throw new NotFound('citizen');
  const token = await devIdentity.signJwt(
    { aud: devIdentity.audience, sub: body.citizenId },
    TOKEN_LIFETIME_SECONDS,
  );
  return { token };
});
