import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { compactDecrypt, importJWK } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { parsePartnerPublicJwk } from '../../../functions/core/keys/partner-jwk';
import { encryptPackage, type PackagePlaintext } from '../../../functions/core/requests/package';

function plaintext(pdfBytes: number): PackagePlaintext {
  return {
    requestId: 'req_1',
    partnerId: 'par_1',
    branchId: 'br_1',
    offerId: 'off_1',
    generatedAt: '2026-12-04T00:00:00.000Z',
    documents: [
      {
        type: 'internal-passport',
        copyId: 'cpy_1',
        data: { surname: 'Шевченко' },
        pdf: randomBytes(pdfBytes).toString('base64'),
        pdfSha256: 'a'.repeat(64),
      },
    ],
    missing: [],
  };
}

describe('encryptPackage', () => {
  for (const type of ['ec', 'rsa'] as const) {
    it(`gives a ${type.toUpperCase()} partner a compact JWE its private key opens to the same package`, async () => {
      const pair =
        type === 'ec'
          ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
          : generateKeyPairSync('rsa', { modulusLength: 2048 });
      const key = await parsePartnerPublicJwk({ ...pair.publicKey.export({ format: 'jwk' }), kid: 'k1' });
      const sent = plaintext(120_000 + (type === 'ec' ? 1 : 2)); // lengths that need base64 padding
      const jwe = await encryptPackage(sent, key);

      expect(jwe.split('.')).toHaveLength(5);
      expect(jwe).toMatch(/^[A-Za-z0-9_.-]+$/); // base64url without padding, as RFC 7516 wants
      const privateKey = await importJWK(pair.privateKey.export({ format: 'jwk' }), key.alg);
      const { plaintext: opened, protectedHeader } = await compactDecrypt(jwe, privateKey);
      expect(protectedHeader).toMatchObject({ alg: key.alg, enc: 'A256GCM', kid: 'k1' });
      expect(JSON.parse(new TextDecoder().decode(opened))).toEqual(sent);
    });
  }

  it('has jose encode the ciphertext with the native-speed Uint8Array encoder', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const key = await parsePartnerPublicJwk(pair.publicKey.export({ format: 'jwk' }));
    const encoder = vi.spyOn(Uint8Array.prototype as Required<Uint8Array>, 'toBase64');
    try {
      const jwe = await encryptPackage(plaintext(50_000), key);
      const ciphertext = jwe.split('.')[3];
      expect(encoder.mock.results.map((result) => result.value)).toContain(ciphertext);
    } finally {
      encoder.mockRestore();
    }
  });
});
