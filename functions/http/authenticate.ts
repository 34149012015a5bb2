import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
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

function makeCitizenVerifier(): (token: string) => Promise<Citizen> {
  const config = readEnv({
    CITIZEN_JWKS_URL: z.url(),
    CITIZEN_ISSUER: z.string().min(1),
    CITIZEN_AUDIENCE: z.string().min(1),
  });
  const jwks = createRemoteJWKSet(new URL(config.CITIZEN_JWKS_URL), { cooldownDuration: 30_000 });
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: config.CITIZEN_ISSUER,
        audience: config.CITIZEN_AUDIENCE,
        // Only asymmetric algorithms: `none` and HMAC-with-the-public-key tricks are refused.
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
        requiredClaims: ['sub', 'exp'],
      });
      return { citizenId: payload.sub! };
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
