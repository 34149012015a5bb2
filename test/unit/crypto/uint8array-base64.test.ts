import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../../functions/core/crypto/uint8array-base64';

// RFC 4648 § 10 test vectors.
const VECTORS: Array<[string, string]> = [
  ['', ''],
  ['f', 'Zg=='],
  ['fo', 'Zm8='],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg=='],
  ['fooba', 'Zm9vYmE='],
  ['foobar', 'Zm9vYmFy'],
];

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** What btoa gives, the way jose's own fallback builds it, as an independent reference. */
function reference(input: Uint8Array, url: boolean, omitPadding: boolean): string {
  let encoded = btoa(String.fromCharCode(...input));
  if (url) encoded = encoded.replace(/\+/g, '-').replace(/\//g, '_');
  return omitPadding ? encoded.replace(/=+$/, '') : encoded;
}

describe('Uint8Array toBase64 on Buffer', () => {
  it('encodes the RFC 4648 vectors, padded by default', () => {
    for (const [text, expected] of VECTORS) expect(toBase64.call(bytes(text))).toBe(expected);
  });

  it('agrees with btoa for every alphabet and padding choice, at any length and offset', () => {
    const backing = new Uint8Array(randomBytes(300));
    for (let length = 0; length < 40; length++) {
      // A view that starts inside its buffer: only the view's bytes are encoded.
      const view = backing.subarray(7, 7 + length);
      for (const alphabet of ['base64', 'base64url'] as const)
        for (const omitPadding of [false, true])
          expect(toBase64.call(view, { alphabet, omitPadding })).toBe(
            reference(view, alphabet === 'base64url', omitPadding),
          );
    }
  });

  it('pads base64url unless told not to, as the spec says (Buffer never pads it)', () => {
    expect(toBase64.call(bytes('f'), { alphabet: 'base64url' })).toBe('Zg==');
    expect(toBase64.call(bytes('f'), { alphabet: 'base64url', omitPadding: true })).toBe('Zg');
    expect(toBase64.call(new Uint8Array([0xfb, 0xff]), { alphabet: 'base64url' })).toBe('-_8=');
  });

  it('refuses what the spec refuses: another receiver, an unknown alphabet, options that are not an object', () => {
    expect(() => toBase64.call([1, 2, 3])).toThrow(TypeError);
    expect(() => toBase64.call(new Uint16Array(2))).toThrow(TypeError);
    expect(() => toBase64.call(bytes('f'), { alphabet: 'hex' as 'base64' })).toThrow(TypeError);
    expect(() => toBase64.call(bytes('f'), null as unknown as undefined)).toThrow(TypeError);
    expect(() => toBase64.call(bytes('f'), 'base64url' as unknown as undefined)).toThrow(TypeError);
  });
});
