import { citizenExists } from '../adapters/dynamo/citizen-profile';
import { signCompactJws } from '../core/crypto/jws';
import { NotFound } from '../core/errors';
import { http } from '../http/handler';
import { devIdentity } from './identity-key';
import { citizenToken } from './routes';

const TOKEN_LIFETIME_SECONDS = 12 * 3600;

export const handler = http(citizenToken, async ({ body }) => {
  if (!(await citizenExists(body.citizenId))) throw new NotFound('citizen');
  const { kid } = await devIdentity.publicJwk();
  const now = Math.floor(Date.now() / 1000);
  const token = await signCompactJws(
    { typ: 'JWT', kid },
    {
      iss: devIdentity.issuer,
      aud: devIdentity.audience,
      sub: body.citizenId,
      iat: now,
      exp: now + TOKEN_LIFETIME_SECONDS,
    },
    (digest) => devIdentity.signer.signDigest(digest),
  );
  return { token };
});
