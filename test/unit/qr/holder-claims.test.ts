import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCopyQr, encodeCopyQr, trustedQrKey } from '../../../functions/core/qr/copy-qr';
import { InvalidCopyQr } from '../../../functions/core/qr/copy-qr-claims';
import { holderClaimsOf } from '../../../functions/core/qr/holder-claims';
import { createSigningSetup, sampleClaims } from '../copies/support/sample-copy';

const passport = {
  surname: 'Щербина',
  givenName: 'Юлія',
  patronymic: 'Олександрівна',
  surnameLatin: 'Shcherbyna',
  givenNameLatin: 'Yuliia',
  sex: 'F',
  birthDate: '1990-03-14',
  documentNumber: '004817265',
  recordNumber: '19900314-02468',
  issuingAuthority: '8031',
  issueDate: '2019-06-12',
  expiryDate: '2029-06-12',
  registeredAddress: 'м. Київ, вул. Велика Васильківська, буд. 72, кв. 15',
};

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
