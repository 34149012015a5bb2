import { citizenExists } from '../adapters/dynamo/citizen-profile';
import { dynamoDevAuthCodeStore } from '../adapters/dynamo/dev-auth-code-store';
import { NotFound } from '../core/errors';
import { http } from '../http/handler';
import { issueCode, refusalOf } from './authorization-code';
import { checkClient } from './oidc-client';
import { redirectBack } from './redirect-back';
import { authorize } from './routes';

// Local only: POST /dev/authorize, the sign-in form's answer. The hidden fields came back from the
// browser, so everything is checked again before a code is issued for the chosen citizen.

export const handler = http(authorize, async ({ body }) => {
  checkClient(body.client_id, body.redirect_uri);
  const refusal = refusalOf(body);
  if (refusal) {
    return redirectBack(body.redirect_uri, {
      error: refusal.error,
      error_description: refusal.description,
      state: body.state,
    });
  }
  if (body.decision === 'deny')
    return redirectBack(body.redirect_uri, { error: 'access_denied', state: body.state });
  if (!(await citizenExists(body.citizen_id))) throw new NotFound('citizen');
  const code = await issueCode(
    dynamoDevAuthCodeStore,
    {
      citizenId: body.citizen_id,
      clientId: body.client_id,
      redirectUri: body.redirect_uri,
      codeChallenge: body.code_challenge!,
      nonce: body.nonce,
    },
    new Date(),
  );
  return redirectBack(body.redirect_uri, { code, state: body.state });
});
