import { createHash, createPublicKey } from 'node:crypto';
import * as z from 'zod';
import { kmsSigner } from '../adapters/kms/kms-signer';
import { readEnv } from '../config/env';
import { signCompactJws } from '../core/crypto/jws';

// The dev identity provider signs citizen tokens with a KMS key of the local stack.
const config = readEnv({
  DEV_IDP_KEY_ID: z.string().min(1),
  CITIZEN_ISSUER: z.string().min(1),
  CITIZEN_AUDIENCE: z.string().min(1),
});

export const devIdentity = {
  signer: kmsSigner(config.DEV_IDP_KEY_ID),
  issuer: config.CITIZEN_ISSUER,
  audience: config.CITIZEN_AUDIENCE,
  async publicJwk() {
    const spki = Buffer.from(await this.signer.publicKeySpki());
    const jwk = createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({ format: 'jwk' });
    const kid = createHash('sha256').update(spki).digest('base64url').slice(0, 16);
    return { ...jwk, kid, alg: 'ES256', use: 'sig' };
  },
  /** A JWT from this provider: `iss`, `iat` and `exp` added; the caller says who and for whom. */
  async signJwt(claims: Record<string, unknown>, lifetimeSeconds: number): Promise<string> {
    const { kid } = await this.publicJwk();
    const now = Math.floor(Date.now() / 1000);
    return signCompactJws(
      { typ: 'JWT', kid },
      { iss: this.issuer, ...claims, iat: now, exp: now + lifetimeSeconds },
      (digest) => this.signer.signDigest(digest),
    );
  },
};
