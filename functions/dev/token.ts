import { dynamoDevAuthCodeStore } from '../adapters/dynamo/dev-auth-code-store';
import { OAuthError } from '../core/errors';
import { http } from '../http/handler';
import { redeemCode } from './authorization-code';
import { devIdentity } from './identity-key';
import { pagesClient } from './oidc-client';
import { token } from './routes';

// Local only: POST /dev/token, the token endpoint (authorization_code grant with PKCE). The ID token
// is what the pages send to the API: its `aud` is the client id, which is the API's audience.

const TOKEN_LIFETIME_SECONDS = 3600;

export const handler = http(token, async ({ body }) => {
  if (body.grant_type !== 'authorization_code')
    throw new OAuthError('unsupported_grant_type', 'Only grant_type=authorization_code is supported');
  if (body.client_id !== pagesClient.clientId) throw new OAuthError('invalid_client', 'Unknown client_id');
  const grant = await redeemCode(
    dynamoDevAuthCodeStore,
    {
      code: body.code,
      clientId: body.client_id,
      redirectUri: body.redirect_uri,
      codeVerifier: body.code_verifier,
    },
    new Date(),
  );
  const [idToken, accessToken] = await Promise.all([
    devIdentity.signJwt(
      {
        aud: grant.clientId,
        sub: grant.citizenId,
        nonce: grant.nonce,
        auth_time: Math.floor(Date.parse(grant.issuedAt) / 1000),
      },
      TOKEN_LIFETIME_SECONDS,
    ),
    devIdentity.signJwt(
      { aud: devIdentity.audience, sub: grant.citizenId, client_id: grant.clientId, scope: 'openid' },
      TOKEN_LIFETIME_SECONDS,
    ),
  ]);
  return {
    id_token: idToken,
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: TOKEN_LIFETIME_SECONDS,
  };
});
