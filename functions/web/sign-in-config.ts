import * as z from 'zod';
import { readEnv } from '../config/env';
import { pageHeaders } from '../http/security-headers';
import type { OidcConfig } from './client/oidc-config';

// The pages' sign-in configuration, read once at cold start (stack parameters CitizenAuthorizeUrl,
// CitizenTokenUrl, CitizenClientId), and the page headers it implies: the script POSTs the code to
// the token endpoint, so a token endpoint on another origin must be in the CSP's connect-src.

export interface SignInConfig {
  oidc: OidcConfig;
  headers: Record<string, string>;
}

export function readSignInConfig(env: NodeJS.ProcessEnv = process.env): SignInConfig {
  const config = readEnv(
    {
      CITIZEN_AUTHORIZE_URL: z.url({ protocol: /^https?$/ }),
      CITIZEN_TOKEN_URL: z.url({ protocol: /^https?$/ }),
      CITIZEN_CLIENT_ID: z.string().min(1).max(200),
      PUBLIC_BASE_URL: z.url(),
    },
    env,
  );
  const oidc = {
    authorizeUrl: config.CITIZEN_AUTHORIZE_URL,
    tokenUrl: config.CITIZEN_TOKEN_URL,
    clientId: config.CITIZEN_CLIENT_ID,
  };
  return { oidc, headers: signInPageHeaders(oidc, config.PUBLIC_BASE_URL) };
}

/** The page headers: connect-src gains the token endpoint's origin only when it is not the pages' own. */
export function signInPageHeaders(oidc: OidcConfig, publicBaseUrl: string): Record<string, string> {
  const tokenOrigin = new URL(oidc.tokenUrl).origin;
  return pageHeaders(tokenOrigin === new URL(publicBaseUrl).origin ? [] : [tokenOrigin]);
}
