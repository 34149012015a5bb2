import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derToRawEcdsa } from '../../../functions/core/signing/ecdsa-signature';

describe('derToRawEcdsa', () => {
  it('turns DER signatures into 64-byte r||s that verify as IEEE P1363', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 50; i++) {
      const message = Buffer.from(`message ${i}`);
      const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
      const raw = derToRawEcdsa(der);
      expect(raw).toHaveLength(64);
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }
  });

  it('refuses something that is not a DER signature', () => {
    expect(() => derToRawEcdsa(new Uint8Array([1, 2, 3]))).toThrow();
  });
});
