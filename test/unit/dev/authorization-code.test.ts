import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OAuthError } from '../../../functions/core/errors';
import {
  type AuthorizationCode,
  type AuthorizationCodeStore,
  CODE_LIFETIME_SECONDS,
  issueCode,
  redeemCode,
  refusalOf,
} from '../../../functions/dev/authorization-code';

// The dev identity provider's authorization codes: PKCE S256, single use, expiry, client binding.

function memoryStore(): AuthorizationCodeStore & { items: Map<string, AuthorizationCode> } {
  const items = new Map<string, AuthorizationCode>();
  return {
    items,
    async put(hash, code) {
      items.set(hash, code);
    },
    async take(hash) {
      const code = items.get(hash);
      items.delete(hash);
      return code;
    },
  };
}

const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'; // RFC 7636 appendix B
const challenge = createHash('sha256').update(verifier).digest('base64url');
const grant = {
  citizenId: 'cit_1',
  clientId: 'docshare-local',
  redirectUri: 'http://127.0.0.1:3000/wallet',
  codeChallenge: challenge,
  nonce: 'n-1',
};
const now = new Date('2026-01-01T00:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const redemption = (code: string) => ({
  code,
  clientId: grant.clientId,
  redirectUri: grant.redirectUri,
  codeVerifier: verifier,
});

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthError);
    return (error as OAuthError).code;
  }
}

describe('authorization codes of the dev identity provider', () => {
  it('matches the RFC 7636 example challenge', () => {
    expect(challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('redeems a code once for the grant it stands for, and stores only its hash', async () => {
    const store = memoryStore();
    const code = await issueCode(store, grant, now);
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([...store.items.keys()]).not.toContain(code);
    expect(store.items.values().next().value?.expiresAt).toBe(later(CODE_LIFETIME_SECONDS).toISOString());
    await expect(redeemCode(store, redemption(code), later(1))).resolves.toMatchObject(grant);
    expect(await refusal(redeemCode(store, redemption(code), later(2)))).toBe('invalid_grant');
  });

  it('refuses a wrong verifier, and the code is spent by the attempt', async () => {
    const store = memoryStore();
    const code = await issueCode(store, grant, now);
    const wrong = { ...redemption(code), codeVerifier: `${verifier.slice(0, -1)}A` };
    expect(await refusal(redeemCode(store, wrong, later(1)))).toBe('invalid_grant');
    expect(await refusal(redeemCode(store, redemption(code), later(1)))).toBe('invalid_grant');
  });

  it('refuses an expired code, another client and another redirect URI', async () => {
    const store = memoryStore();
    const expired = await issueCode(store, grant, now);
    expect(await refusal(redeemCode(store, redemption(expired), later(CODE_LIFETIME_SECONDS)))).toBe(
      'invalid_grant',
    );
    const otherClient = await issueCode(store, grant, now);
    expect(
      await refusal(redeemCode(store, { ...redemption(otherClient), clientId: 'other' }, later(1))),
    ).toBe('invalid_grant');
    const otherUri = await issueCode(store, grant, now);
    expect(
      await refusal(
        redeemCode(store, { ...redemption(otherUri), redirectUri: 'http://127.0.0.1:3000/d/x' }, later(1)),
      ),
    ).toBe('invalid_grant');
  });

  it('accepts only response_type=code, scope openid and PKCE S256', () => {
    const ok = {
      response_type: 'code',
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    expect(refusalOf(ok)).toBeUndefined();
    expect(refusalOf({ ...ok, response_type: 'token' })?.error).toBe('unsupported_response_type');
    expect(refusalOf({ ...ok, scope: 'profile' })?.error).toBe('invalid_scope');
    expect(refusalOf({ ...ok, code_challenge_method: 'plain' })?.error).toBe('invalid_request');
    expect(refusalOf({ ...ok, code_challenge_method: undefined })?.error).toBe('invalid_request');
    expect(refusalOf({ ...ok, code_challenge: 'short' })?.error).toBe('invalid_request');
  });
});
