// How the pages find the citizen identity provider: the page Lambda writes this into
// <meta name="docshare-oidc" content="…JSON…"> (no inline script under the CSP) and the script reads it.
// Pure: shared by the page Lambda, the dev identity provider and the browser bundle.

export const OIDC_META_NAME = 'docshare-oidc';

/**
 * The one redirect URI of the pages. Fixed rather than "the page itself": identity providers match
 * redirect URIs exactly (RFC 9700 §2.1; Amazon Cognito allows no wildcards), and /d/{token} and
 * /q/{qrCode} have a path per link. The page the citizen started from is kept in sessionStorage and
 * reopened after the callback.
 */
export const SIGN_IN_CALLBACK_PATH = '/wallet';

export interface OidcConfig {
  /** The authorization endpoint (the browser is sent there). */
  authorizeUrl: string;
  /** The token endpoint (the page POSTs the code there with fetch; cross-origin needs CORS there). */
  tokenUrl: string;
  /** The public client's id; the ID token's `aud`, so the API's CitizenAudience must equal it. */
  clientId: string;
}
