import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { OAuthError, type OAuthErrorCode } from '../core/errors';

// Authorization codes of the dev identity provider (OAuth 2.0 code flow, RFC 6749 §4.1, with PKCE,
// RFC 7636): one-time, short-lived, bound to the client, the redirect URI and the code challenge.
// Only a code's hash is stored, so the table never holds a code that could be redeemed.
// use case (issue/redeem) --> AuthorizationCodeStore <-- adapter (DynamoDB)

/** RFC 6749 §4.1.2 recommends at most 10 minutes; the page exchanges the code within a second. */
export const CODE_LIFETIME_SECONDS = 60;

export interface AuthorizationGrant {
  citizenId: string;
  clientId: string;
  redirectUri: string;
  /** BASE64URL(SHA-256(code_verifier)): only S256 is accepted. */
  codeChallenge: string;
  nonce?: string;
}

export interface AuthorizationCode extends AuthorizationGrant {
  issuedAt: string;
  expiresAt: string;
}

export interface AuthorizationCodeStore {
  put(codeHash: string, code: AuthorizationCode): Promise<void>;
  /** Deletes the code and returns it in one atomic step: only one redemption can get it. */
  take(codeHash: string): Promise<AuthorizationCode | undefined>;
}

export interface Redemption {
  code: string;
  clientId: string;
  redirectUri: string;
  codeVerifier: string;
}

/** An authorization request's parameters, as far as they are checked after client and redirect URI. */
export interface AuthorizationParams {
  response_type?: string;
  scope?: string;
  code_challenge?: string;
  code_challenge_method?: string;
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('base64url');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
export const CODE_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Why an authorization request (client and redirect URI already checked) must be refused, as the
 * `error` to send back to the redirect URI (RFC 6749 §4.1.2.1), or undefined when it is acceptable.
 */
export function refusalOf(
  params: AuthorizationParams,
): { error: OAuthErrorCode; description: string } | undefined {
  if (params.response_type !== 'code')
    return { error: 'unsupported_response_type', description: 'Only response_type=code is supported' };
  if (!(params.scope ?? '').split(' ').includes('openid'))
    return { error: 'invalid_scope', description: 'The scope must include openid' };
  // PKCE is required (OAuth 2.1): a public client has no secret, the verifier is its proof.
  if (params.code_challenge_method !== 'S256')
    return { error: 'invalid_request', description: 'PKCE with code_challenge_method=S256 is required' };
  if (!CODE_CHALLENGE_PATTERN.test(params.code_challenge ?? ''))
    return { error: 'invalid_request', description: 'code_challenge must be a base64url SHA-256 digest' };
  return undefined;
}

export async function issueCode(
  store: AuthorizationCodeStore,
  grant: AuthorizationGrant,
  now: Date,
): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  await store.put(hashCode(code), {
    ...grant,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CODE_LIFETIME_SECONDS * 1000).toISOString(),
  });
  return code;
}

/** The grant a code stands for, or an `invalid_grant` refusal. */
export async function redeemCode(
  store: AuthorizationCodeStore,
  request: Redemption,
  now: Date,
): Promise<AuthorizationCode> {
  // Spent before any check: a code presented with a wrong verifier or redirect URI is gone too,
  // so an intercepted code cannot be tried again and again (RFC 6749 §10.5).
  const grant = await store.take(hashCode(request.code));
  if (!grant) throw new OAuthError('invalid_grant', 'The code is unknown or was already used');
  if (Date.parse(grant.expiresAt) <= now.getTime())
    throw new OAuthError('invalid_grant', 'The code has expired');
  if (grant.clientId !== request.clientId)
    throw new OAuthError('invalid_grant', 'The code was issued to another client');
  if (grant.redirectUri !== request.redirectUri)
    throw new OAuthError('invalid_grant', 'redirect_uri is not the one of the authorization request');
  if (!sameText(s256(request.codeVerifier), grant.codeChallenge))
    throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
  return grant;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
