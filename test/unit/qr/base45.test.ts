import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45, InvalidBase45 } from '../../../functions/core/qr/base45';

const text = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));

describe('Base45 (RFC 9285)', () => {
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
    ['', ''],
  ])('encodes %j as %j, the RFC 9285 test vector', (plain, encoded) => {
    expect(encodeBase45(text(plain))).toBe(encoded);
    expect(Buffer.from(decodeBase45(encoded)).toString('utf8')).toBe(plain);
  });

  it('round-trips arbitrary bytes of every length parity, including 0x00 and 0xff', () => {
    for (let length = 0; length < 64; length++) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(decodeBase45(encodeBase45(bytes))).toEqual(bytes);
    }
    const extremes = new Uint8Array([0xff, 0xff, 0x00, 0x00, 0xff]);
    expect(decodeBase45(encodeBase45(extremes))).toEqual(extremes);
  });

  it('only ever emits characters of the QR alphanumeric alphabet', () => {
    expect(encodeBase45(new Uint8Array(randomBytes(300)))).toMatch(/^[0-9A-Z $%*+\-./:]*$/);
  });

  it.each([
    ['GGW', 'a triplet above 65535'],
    ['a', 'a lower-case character'],
    ['BB8B', 'a dangling single character'],
    ['ZZ', 'a final pair above 255'],
  ])('refuses %j (%s)', (encoded) => {
    expect(() => decodeBase45(encoded)).toThrow(InvalidBase45);
  });
});
