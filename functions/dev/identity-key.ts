import { createHash, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { kmsSigner } from '../adapters/kms/kms-signer';
import { readEnv } from '../config/env';

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
};
