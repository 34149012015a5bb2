import { describe, expect, it } from 'vitest';
import { ean13CheckDigit, ean13Modules, ean13Svg } from '../../../functions/web/client/ean13';
import { readEan13Svg } from '../../support/ean13-reader';

describe('the wallet’s EAN-13 drawing', () => {
  it('computes GS1 check digits', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1);
    expect(ean13CheckDigit('590123412345')).toBe(7);
  });

  it('lays out 95 modules with the start, centre and end guards', () => {
    const modules = ean13Modules('4006381333931');
    expect(modules).toHaveLength(95);
    expect(modules.slice(0, 3)).toBe('101');
    expect(modules.slice(45, 50)).toBe('01010');
    expect(modules.slice(92)).toBe('101');
    // First digit 4 → left parity LGLLGG; the second digit (0) in L is 0001101.
    expect(modules.slice(3, 10)).toBe('0001101');
  });

  it('draws bars that read back as the same digits, whatever the first digit', () => {
    for (const first12 of ['400638133393', '590123412345', '000000000000', '999999999999', '123456789012']) {
      const digits = first12 + ean13CheckDigit(first12);
      expect(readEan13Svg(ean13Svg(digits))).toBe(digits);
    }
  });

  it('refuses a barcode whose check digit is wrong or whose length is not 13', () => {
    expect(() => ean13Modules('4006381333932')).toThrow(/check digit/);
    expect(() => ean13Modules('400638133393')).toThrow(/13 digits/);
    expect(() => ean13Modules('40063813339a1')).toThrow(/13 digits/);
  });
});
