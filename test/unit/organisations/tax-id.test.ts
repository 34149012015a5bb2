import { describe, expect, it } from 'vitest';
import { makeRnokpp } from '../../../functions/core/checks/rnokpp';
import { taxIdKind } from '../../../functions/core/organisations/tax-id';

describe('organisation tax ids', () => {
  it('accepts EDRPOU codes with their check digit in both weight ranges', () => {
    // 00032112 and 14360570 are published codes of Ukrainian state banks; 40075815 a private company's.
    for (const code of ['00032112', '14360570', '40075815']) expect(taxIdKind(code), code).toBe('edrpou');
  });

  it('accepts a sole trader’s RNOKPP with its check digit', () => {
    expect(taxIdKind(makeRnokpp('1985-04-12', 'F', 17))).toBe('rnokpp');
  });

  it('refuses a wrong check digit, wrong lengths and non-digits', () => {
    const rnokpp = makeRnokpp('1985-04-12', 'F', 17);
    const wrong = `${rnokpp.slice(0, 9)}${(Number(rnokpp[9]) + 1) % 10}`;
    for (const code of [
      '00032113',
      wrong,
      '123',
      '123456789',
      '12345678901',
      'abcdefgh',
      ' 00032112',
      '٠٠٠٣٢١١٢',
    ]) {
      expect(taxIdKind(code), code).toBeUndefined();
    }
  });
});
