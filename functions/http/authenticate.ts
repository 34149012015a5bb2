import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import * as z from 'zod';
import { readEnv } from '../config/env';
import { Unauthorized } from '../core/errors';
import { API_KEY_PATTERN, hashApiKey } from '../core/partners/api-keys';
import type { Partner } from '../core/partners/partner';

// Who is calling: a partner (API key) or a citizen (a JWT of the configured identity provider).
// Stores and key sets are created lazily, so public routes need none of this configuration.

export interface Citizen {
  citizenId: string;
}

export function bearerToken(headers: Record<string, string | undefined>): string {
  const header = headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new Unauthorized('Send `Authorization: Bearer <token>`');
  return match[1]!;
}

export async function authenticatePartner(token: string): Promise<Partner> {
  if (!API_KEY_PATTERN.test(token)) throw new Unauthorized('The API key is not valid');
  const { dynamoPartnerStore } = await import('../adapters/dynamo/partner-store');
  const partner = await dynamoPartnerStore.findByApiKeyHash(hashApiKey(token));
  if (!partner) throw new Unauthorized('The API key is not valid');
  return partner;
}

let citizenVerifier: ((token: string) => Promise<Citizen>) | undefined;

// Tokens that verified, by their exact text, until they expire, and no longer than the JWKS itself
// is kept (jose's default cacheMaxAge): an ES256 check is ~0.3 ms of CPU, a tenth of a barcode
// mint's Lambda time, and a wallet session sends the same token many times. A different text (a
// forged or altered token) is never a hit; expiry is checked again on every hit.
const VERIFIED_TOKEN_MAX_MS = 10 * 60_000;
const verifiedTokens = new LRUCache<string, { citizen: Citizen; expiresAtMs: number }>({ max: 10_000 });

function cachedCitizen(token: string, nowMs: number): Citizen | undefined {
  const hit = verifiedTokens.get(token);
  if (hit && hit.expiresAtMs > nowMs) return hit.citizen;
  if (hit) verifiedTokens.delete(token);
  return undefined;
}

function makeCitizenVerifier(): (token: string) => Promise<Citizen> {
  const config = readEnv({
    CITIZEN_JWKS_URL: z.url(),
    CITIZEN_ISSUER: z.string().min(1),
    CITIZEN_AUDIENCE: z.string().min(1),
  });
  const jwks = createRemoteJWKSet(new URL(config.CITIZEN_JWKS_URL), { cooldownDuration: 30_000 });
  return async (token) => {
    const nowMs = Date.now();
    const cached = cachedCitizen(token, nowMs);
    if (cached) return cached;
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: config.CITIZEN_ISSUER,
        audience: config.CITIZEN_AUDIENCE,
        // Only asymmetric algorithms: `none` and HMAC-with-the-public-key tricks are refused.
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
        requiredClaims: ['sub', 'exp'],
      });
      const citizen = { citizenId: payload.sub! };
      const expiresAtMs = Math.min(payload.exp! * 1000, nowMs + VERIFIED_TOKEN_MAX_MS);
      verifiedTokens.set(token, { citizen, expiresAtMs });
      return citizen;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw new Unauthorized('The citizen token is not valid');
      throw error;
    }
  };
}

export async function authenticateCitizen(token: string): Promise<Citizen> {
  citizenVerifier ??= makeCitizenVerifier();
  return citizenVerifier(token);
}
