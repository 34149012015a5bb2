// Key material as persisted (base64 AES key or PKCS#8 PEM) and as used (KeyObjects, raw EC scalars).
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeySpecInfo } from './key-specs';

const generateKeyPairAsync = promisify(generateKeyPair);

export type LoadedKey =
  | { kind: 'symmetric'; secret: Buffer }
  | { kind: 'hmac'; secret: Buffer }
  | { kind: 'ec'; curve: 'P-256' | 'P-384'; publicKey: KeyObject; scalar: Uint8Array; point: Uint8Array }
  | { kind: 'rsa'; privateKey: KeyObject; publicKey: KeyObject; modulusLength: number };

/** New material for a key spec, in its persisted form. RSA generation is async: 4096-bit keys take ~1 s. */
export async function generateMaterial(spec: KeySpecInfo): Promise<string> {
  if (spec.kind === 'symmetric') return randomBytes(32).toString('base64');
  if (spec.kind === 'hmac') return randomBytes(spec.bytes).toString('base64');
  const { privateKey } =
    spec.kind === 'ec'
      ? await generateKeyPairAsync('ec', { namedCurve: spec.curve })
      : await generateKeyPairAsync('rsa', { modulusLength: spec.modulusLength });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function loadMaterial(spec: KeySpecInfo, material: string): LoadedKey {
  if (spec.kind === 'symmetric') return { kind: 'symmetric', secret: Buffer.from(material, 'base64') };
  if (spec.kind === 'hmac') return { kind: 'hmac', secret: Buffer.from(material, 'base64') };
  const privateKey = createPrivateKey(material);
  const publicKey = createPublicKey(privateKey);
  if (spec.kind === 'rsa') return { kind: 'rsa', privateKey, publicKey, modulusLength: spec.modulusLength };
  // @noble/curves signs precomputed digests (node:crypto would hash again) and wants raw bytes.
  const jwk = privateKey.export({ format: 'jwk' });
  const fromJwk = (v: string | undefined) => Buffer.from(v ?? '', 'base64url');
  const point = Buffer.concat([Buffer.from([4]), fromJwk(jwk.x), fromJwk(jwk.y)]);
  return {
    kind: 'ec',
    curve: spec.curve,
    publicKey,
    scalar: new Uint8Array(fromJwk(jwk.d)),
    point: new Uint8Array(point),
  };
}
