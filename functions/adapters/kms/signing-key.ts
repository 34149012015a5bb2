import { createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import * as z from 'zod';
import { readEnv } from '../../config/env';
import { signCompactJws } from '../../core/crypto/jws';
import { kmsSigner } from './kms-signer';

// The docshare signing key in KMS, as used for JWS (attestations) and published in the JWKS.
// Its public JWK and kid are computed once per container.

let signer: ReturnType<typeof kmsSigner> | undefined;
let jwk: Promise<JWK & { kid: string }> | undefined;

export function signingKey() {
  signer ??= kmsSigner(readEnv({ SIGNING_KEY_ID: z.string().min(1) }).SIGNING_KEY_ID);
  return signer;
}

export function signingPublicJwk(): Promise<JWK & { kid: string }> {
  jwk ??= (async () => {
    const spki = Buffer.from(await signingKey().publicKeySpki());
    const exported = createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({
      format: 'jwk',
    }) as JWK;
    const kid = await calculateJwkThumbprint(exported);
    return { ...exported, kid, alg: 'ES256', use: 'sig' };
  })();
  jwk.catch(() => {
    jwk = undefined;
  });
  return jwk;
}

export async function signJws(payload: Record<string, unknown>, typ: string): Promise<string> {
  const { kid } = await signingPublicJwk();
  return signCompactJws({ typ, kid }, payload, (digest) => signingKey().signDigest(digest));
}
