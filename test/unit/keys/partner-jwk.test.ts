import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, importJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { InvalidJwk, parsePartnerPublicJwk } from '../../../functions/core/keys/partner-jwk';

function keyPair(type: 'ec', namedCurve: string): { publicJwk: JsonWebKey; privateJwk: JsonWebKey };
function keyPair(type: 'rsa', modulusLength: number): { publicJwk: JsonWebKey; privateJwk: JsonWebKey };
function keyPair(type: 'ec' | 'rsa', param: string | number) {
  const pair =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: param as string })
      : generateKeyPairSync('rsa', { modulusLength: param as number });
  return {
    publicJwk: pair.publicKey.export({ format: 'jwk' }),
    privateJwk: pair.privateKey.export({ format: 'jwk' }),
  };
}

const ec = keyPair('ec', 'P-256');
const rsa = keyPair('rsa', 2048);

async function refusal(jwk: unknown): Promise<InvalidJwk> {
  const error = await parsePartnerPublicJwk(jwk).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidJwk);
  return error as InvalidJwk;
}

describe('partner public JWK', () => {
  it('accepts an EC P-256 key for ECDH-ES+A256KW with its RFC 7638 thumbprint as kid', async () => {
    const key = await parsePartnerPublicJwk(ec.publicJwk);
    const canonical = JSON.stringify({ crv: 'P-256', kty: 'EC', x: ec.publicJwk.x, y: ec.publicJwk.y });
    const thumbprint = createHash('sha256').update(canonical).digest('base64url');
    expect(key).toEqual({
      alg: 'ECDH-ES+A256KW',
      kid: thumbprint,
      jwk: { kty: 'EC', crv: 'P-256', x: ec.publicJwk.x, y: ec.publicJwk.y, kid: thumbprint },
    });
  });

  it('computes the thumbprint of the RFC 7638 example key', async () => {
    const n =
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMs' +
      'tn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5h' +
      'ajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';
    const key = await parsePartnerPublicJwk({ kty: 'RSA', n, e: 'AQAB', alg: 'RSA-OAEP-256' });
    expect(key.kid).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(key.alg).toBe('RSA-OAEP-256');
  });

  it('keeps the kid the partner chose', async () => {
    expect((await parsePartnerPublicJwk({ ...rsa.publicJwk, kid: 'bank-2026-01', use: 'enc' })).kid).toBe(
      'bank-2026-01',
    );
  });

  it('keeps only the public members and the kid', async () => {
    const key = await parsePartnerPublicJwk({
      ...rsa.publicJwk,
      use: 'enc',
      key_ops: ['wrapKey'],
      ext: true,
      x5c: [],
    });
    expect(Object.keys(key.jwk).sort()).toEqual(['e', 'kid', 'kty', 'n']);
  });

  it('gives a key that encrypts packages only the partner can decrypt', async () => {
    for (const pair of [ec, rsa]) {
      const key = await parsePartnerPublicJwk(pair.publicJwk);
      const jwe = await new CompactEncrypt(new TextEncoder().encode('package'))
        .setProtectedHeader({ alg: key.alg, enc: 'A256GCM', kid: key.kid })
        .encrypt(await importJWK(key.jwk, key.alg));
      const { plaintext } = await compactDecrypt(jwe, await importJWK(pair.privateJwk as JWK, key.alg));
      expect(new TextDecoder().decode(plaintext)).toBe('package');
    }
  });

  it('refuses a JWK holding a private key, naming the private members', async () => {
    expect((await refusal(ec.privateJwk)).message).toMatch(/private key material \(d\)/);
    expect((await refusal(rsa.privateJwk)).message).toMatch(/private key material \(d, p, q, dp, dq, qi\)/);
  });

  it('refuses symmetric keys', async () => {
    expect((await refusal({ kty: 'oct', k: 'AAAA' })).message).toMatch(/private key material \(k\)/);
    expect((await refusal({ kty: 'oct' })).message).toMatch(/Symmetric/);
  });

  it('refuses other curves', async () => {
    expect((await refusal(keyPair('ec', 'P-384').publicJwk)).message).toMatch(/P-256/);
    expect((await refusal({ kty: 'OKP', crv: 'X25519', x: ec.publicJwk.x })).message).toMatch(/kty/);
  });

  it('refuses RSA keys under 2048 bits', async () => {
    expect((await refusal(keyPair('rsa', 1024).publicJwk)).message).toMatch(/at least 2048 bits, not 1024/);
  });

  it('refuses an EC point that is not on the curve', async () => {
    await refusal({ ...ec.publicJwk, y: ec.publicJwk.x });
  });

  it('refuses a key meant for signatures or another algorithm', async () => {
    expect((await refusal({ ...ec.publicJwk, use: 'sig' })).message).toMatch(/"use" must be "enc"/);
    expect((await refusal({ ...ec.publicJwk, alg: 'ECDH-ES' })).message).toMatch(/ECDH-ES\+A256KW/);
    expect((await refusal({ ...rsa.publicJwk, alg: 'RSA1_5' })).message).toMatch(/RSA-OAEP-256/);
    expect((await refusal({ ...rsa.publicJwk, key_ops: ['verify'] })).message).toMatch(/key_ops/);
  });

  it('refuses malformed members', async () => {
    await refusal({ ...ec.publicJwk, x: 'not base64url!' });
    await refusal({ ...ec.publicJwk, x: Buffer.alloc(31).toString('base64url') });
    await refusal({ ...rsa.publicJwk, e: 'AAAC' });
    await refusal({ ...rsa.publicJwk, kid: '' });
  });

  it('refuses anything that is not a JSON object', async () => {
    for (const bad of [null, 'jwk', 42, [ec.publicJwk]]) await refusal(bad);
  });
});
