import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCopyQr, encodeCopyQr, trustedQrKey } from '../../../functions/core/qr/copy-qr';
import { InvalidCopyQr } from '../../../functions/core/qr/copy-qr-claims';
import { holderClaimsOf } from '../../../functions/core/qr/holder-claims';
import { demoCitizens } from '../../../local/seed/citizens';
import { createSigningSetup, sampleClaims } from '../copies/support/sample-copy';

// The first demo citizen's passport, as seeded (its Latin spelling, birth date and number are known).
const passport = demoCitizens[0]!.documents.find((document) => document.type === 'internal-passport')!
  .data as Record<string, unknown>;

describe('holder claims in a copy QR', () => {
  it('names the holder in the document’s own Latin spelling, with birth date and number end', () => {
    expect(holderClaimsOf('internal-passport', passport)).toEqual({
      holderName: 'Shcherbyna Yuliia',
      birthDate: '1990-03-14',
      numberEnd: '7265',
    });
  });

  it('transliterates a name the document does not spell in Latin', () => {
    const card = { surname: 'Щербина', givenName: 'Юлія', birthDate: '1990-03-14', rnokpp: '3283003245' };
    expect(holderClaimsOf('taxpayer-card', card).holderName).toBe('Shcherbyna Yuliia');
    expect(holderClaimsOf('taxpayer-card', card).numberEnd).toBe('3245');
  });

  it('carries in an extract only what the extract shows', () => {
    expect(holderClaimsOf('internal-passport', passport, ['surname', 'givenName', 'birthDate'])).toEqual({
      holderName: 'Shcherbyna Yuliia',
      birthDate: '1990-03-14',
    });
    expect(holderClaimsOf('internal-passport', passport, ['registeredAddress'])).toEqual({});
    expect(holderClaimsOf('internal-passport', passport, ['documentNumber'])).toEqual({ numberEnd: '7265' });
  });

  describe('signed and decoded', () => {
    let setup: Awaited<ReturnType<typeof createSigningSetup>>;
    beforeAll(async () => {
      setup = await createSigningSetup();
    });

    it('round-trips and stays a readable QR', async () => {
      const claims = { ...sampleClaims(), holder: holderClaimsOf('internal-passport', passport) };
      const text = await encodeCopyQr(claims, setup.copySigner, setup.chain.signingCertDer);
      const decoded = decodeCopyQr(text, [trustedQrKey(setup.chain.signingCertDer)]);
      expect(decoded).toMatchObject({ signatureValid: true, claims });
      // ~390 characters before; the holder claims add ~45 (QR version 12 → 13 at level M).
      expect(text.length).toBeLessThanOrEqual(460);
    });

    it('refuses holder claims that are not short text', async () => {
      const long = { ...sampleClaims(), holder: { numberEnd: '123456' } };
      const text = await encodeCopyQr(long, setup.copySigner, setup.chain.signingCertDer);
      expect(() => decodeCopyQr(text, [])).toThrow(InvalidCopyQr);
    });
  });
});
