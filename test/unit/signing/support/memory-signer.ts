import { createECDH, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { DigestSigner } from '../../../../functions/core/signing/digest-signer';
import { rawToDerEcdsa } from '../../../../functions/core/signing/ecdsa-signature';

// P-256 group order (FIPS 186-4 D.1.2.3).
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/**
 * An in-memory P-256 DigestSigner that behaves like KMS: signs a given SHA-256 digest and answers a DER
 * signature. Node's crypto cannot sign a precomputed digest with ECDSA, so this does textbook ECDSA
 * with node's native scalar multiplication (ECDH) for k·G — ~20× faster than a pure-JS curve, which
 * matters when measuring copies per second.
 */
export class MemorySigner implements DigestSigner {
  readonly #d: bigint;
  readonly #spki: Uint8Array;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#d = toBigInt(Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url'));
    this.#spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  }

  async signDigest(sha256: Uint8Array): Promise<Uint8Array> {
    if (sha256.length !== 32) throw new Error(`Expected a 32-byte digest, got ${sha256.length}`);
    const z = toBigInt(sha256);
    const ecdh = createECDH('prime256v1');
    for (;;) {
      const k = toBigInt(randomBytes(32));
      if (k === 0n || k >= N) continue;
      ecdh.setPrivateKey(toBytes(k));
      const r = toBigInt(ecdh.getPublicKey().subarray(1, 33)) % N;
      const s = (invert(k) * (z + r * this.#d)) % N;
      if (r === 0n || s === 0n) continue;
      return rawToDerEcdsa(new Uint8Array([...toBytes(r), ...toBytes(s)]));
    }
  }

  async publicKeySpki(): Promise<Uint8Array> {
    return this.#spki;
  }
}

function toBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
}

function toBytes(value: bigint): Uint8Array {
  return new Uint8Array(Buffer.from(value.toString(16).padStart(64, '0'), 'hex'));
}

// Extended Euclid modulo the group order.
function invert(value: bigint): bigint {
  let [t, nextT, r, nextR] = [0n, 1n, N, value % N];
  while (nextR !== 0n) {
    const q = r / nextR;
    [t, nextT] = [nextT, t - q * nextT];
    [r, nextR] = [nextR, r - q * nextR];
  }
  return t < 0n ? t + N : t;
}
