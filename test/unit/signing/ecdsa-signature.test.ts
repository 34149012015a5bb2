import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  derToRawEcdsa,
  MalformedEcdsaSignature,
  rawToDerEcdsa,
} from '../../../functions/core/signing/ecdsa-signature';

describe('ECDSA signature encodings', () => {
  it('converts DER from OpenSSL to raw r||s that verifies as IEEE P1363, and back', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 50; i++) {
      const data = Buffer.from(`copy ${i}`);
      const der = new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }));
      const raw = derToRawEcdsa(der);
      expect(raw).toHaveLength(64);
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
      expect(rawToDerEcdsa(raw)).toEqual(der);
    }
  });

  it('pads short integers and drops the sign byte of integers with the high bit set', () => {
    // r = 0x01 (one byte), s = 0x80 followed by 31 bytes (DER adds a leading 0x00).
    const s = new Uint8Array(32).fill(0x11);
    s[0] = 0x80;
    const der = new Uint8Array([0x30, 3 + 35, 0x02, 0x01, 0x01, 0x02, 0x21, 0x00, ...s]);
    const raw = derToRawEcdsa(der);
    expect(raw.subarray(0, 32)).toEqual(new Uint8Array([...new Uint8Array(31), 0x01]));
    expect(raw.subarray(32)).toEqual(s);
    expect(rawToDerEcdsa(raw)).toEqual(der);
  });

  it.each([
    ['not a SEQUENCE', [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['a wrong SEQUENCE length', [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    [
      'an INTEGER wider than P-256',
      [0x30, 0x26, 0x02, 0x21, 0x01, ...new Array(32).fill(1), 0x02, 0x01, 0x01],
    ],
    ['trailing garbage', [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]],
  ])('refuses DER with %s', (_, bytes) => {
    expect(() => derToRawEcdsa(new Uint8Array(bytes))).toThrow(MalformedEcdsaSignature);
  });

  it('keeps a digest signed by the in-memory signer verifiable by OpenSSL', async () => {
    const { MemorySigner } = await import('./support/memory-signer');
    const signer = new MemorySigner();
    const key = createPublicKey({
      key: Buffer.from(await signer.publicKeySpki()),
      format: 'der',
      type: 'spki',
    });
    const data = Buffer.from('Щербина Юлія Олександрівна');
    const signature = await signer.signDigest(createHash('sha256').update(data).digest());
    expect(verify('sha256', data, { key, dsaEncoding: 'der' }, signature)).toBe(true);
    expect(verify('sha256', Buffer.from('other'), { key, dsaEncoding: 'der' }, signature)).toBe(false);
  });
});
