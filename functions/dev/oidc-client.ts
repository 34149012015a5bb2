import * as z from 'zod';
import { readEnv } from '../config/env';
import { OAuthError } from '../core/errors';
import { SIGN_IN_CALLBACK_PATH } from '../web/client/oidc-config';

// The one client the dev identity provider knows: the web pages, with the one redirect URI they use
// on the local runtime's own origin. Matched exactly, as a real provider matches registered URIs.
const config = readEnv({ CITIZEN_CLIENT_ID: z.string().min(1), PUBLIC_BASE_URL: z.url() });

export const pagesClient = {
  clientId: config.CITIZEN_CLIENT_ID,
  redirectUri: new URL(SIGN_IN_CALLBACK_PATH, config.PUBLIC_BASE_URL).href,
};

/** Refuses an unknown client or redirect URI. Never redirect on these: the target is not trusted. */
export function checkClient(clientId: string, redirectUri: string): void {
  if (clientId !== pagesClient.clientId) throw new OAuthError('invalid_client', 'Unknown client_id');
  if (redirectUri !== pagesClient.redirectUri)
    throw new OAuthError('invalid_request', 'redirect_uri is not registered for this client');
}
