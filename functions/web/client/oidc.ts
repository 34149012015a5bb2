import { OIDC_META_NAME, type OidcConfig, SIGN_IN_CALLBACK_PATH } from './oidc-config';

// OpenID Connect Authorization Code flow with PKCE (RFC 7636, S256) as a public client: the same
// code against the local dev identity provider and a real one. What the flow needs between leaving
// for the provider and coming back (state, verifier, nonce, the page to return to) waits in
// sessionStorage: per tab, same origin only, gone with the tab.

const PENDING_KEY = 'docshare.signInRequest';
/** What the provider may add to the callback URL; removed before anything else happens. */
const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss', 'session_state'];

interface PendingSignIn {
  state: string;
  verifier: string;
  nonce: string;
  returnTo: string;
}

export type SignInOutcome =
  | { kind: 'none' }
  | { kind: 'signedIn'; idToken: string; returnTo: string }
  /** `returnTo` when the refusal belongs to a sign-in this tab started, so its page can say so. */
  | { kind: 'refused'; reason: 'cancelled' | 'failed' | 'state'; returnTo?: string };

export function oidcConfig(): OidcConfig | undefined {
  const content = document.querySelector<HTMLMetaElement>(`meta[name="${OIDC_META_NAME}"]`)?.content;
  try {
    const config = JSON.parse(content ?? 'null') as Partial<OidcConfig> | null;
    if (config && [config.authorizeUrl, config.tokenUrl, config.clientId].every((v) => typeof v === 'string'))
      return config as OidcConfig;
  } catch {
    // a malformed <meta> means no sign-in, said on the page
  }
  return undefined;
}

const redirectUri = () => new URL(SIGN_IN_CALLBACK_PATH, location.origin).href;

/** Sends the browser to the provider's sign-in; it comes back to the callback page. */
export async function startSignIn(config: OidcConfig, uiLocale: string): Promise<void> {
  const pending: PendingSignIn = {
    state: randomText(),
    verifier: randomText(),
    nonce: randomText(),
    returnTo: location.pathname + location.search,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(config.authorizeUrl);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await s256(pending.verifier),
    code_challenge_method: 'S256',
    ui_locales: uiLocale,
  };
  // set, not replace: a provider's authorize URL may carry its own parameters (a tenant, a policy).
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  location.assign(url.href);
}

/** Handles the provider's answer if this page load is one: `?code&state` or `?error&state`. */
export async function finishSignIn(config: OidcConfig): Promise<SignInOutcome> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  const state = params.get('state');
  if (code === null && error === null) return { kind: 'none' };
  // Off the address bar at once: the code must not stay in history, bookmarks or a reload.
  for (const name of CALLBACK_PARAMS) params.delete(name);
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
  const pending = takePending();
  // The state binds the answer to a sign-in this tab started: anything else may be an attacker's
  // code (login CSRF), and is neither exchanged nor trusted.
  if (!pending || state === null || state !== pending.state) return { kind: 'refused', reason: 'state' };
  const { returnTo } = pending;
  if (error !== null || code === null)
    return { kind: 'refused', reason: error === 'access_denied' ? 'cancelled' : 'failed', returnTo };
  const idToken = await exchange(config, code, pending.verifier);
  if (!idToken || claimsOf(idToken)?.nonce !== pending.nonce)
    return { kind: 'refused', reason: 'failed', returnTo };
  return { kind: 'signedIn', idToken, returnTo: pending.returnTo };
}

async function exchange(config: OidcConfig, code: string, verifier: string): Promise<string | undefined> {
  try {
    const response = await fetch(config.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(),
        client_id: config.clientId,
        code_verifier: verifier,
      }),
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok) return undefined;
    const tokens = (await response.json()) as { id_token?: unknown };
    return typeof tokens.id_token === 'string' ? tokens.id_token : undefined;
  } catch {
    return undefined;
  }
}

function takePending(): PendingSignIn | undefined {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY); // one answer per sign-in, whatever it is
  try {
    return stored ? (JSON.parse(stored) as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}

/** The claims of a JWT, unverified: only to compare the nonce; the API verifies the signature. */
function claimsOf(jwt: string): Record<string, unknown> | undefined {
  try {
    const part = jwt.split('.')[1] ?? '';
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
}

function randomText(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function s256(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
