import { describe, expect, it } from 'vitest';
import { BARCODE_TTL_SECONDS, classifyBarcode, mintBarcode } from '../../../functions/core/barcodes';
import { isValidEan13 } from '../../../functions/core/checks/ean13';

describe('minting barcodes', () => {
  it('makes 13 digits with a valid EAN-13 check digit', () => {
    for (let i = 0; i < 200; i++) {
      const code = mintBarcode();
      expect(code).toMatch(/^\d{13}$/);
      expect(isValidEan13(code)).toBe(true);
    }
  });

  it('appends the check digit to the digits it is given', () => {
    expect(mintBarcode('400638133393')).toBe('4006381333931');
    expect(mintBarcode('000000000000')).toBe('0000000000000');
  });

  it('refuses given digits that are not exactly 12', () => {
    expect(() => mintBarcode('12345')).toThrow(TypeError);
  });

  it('spreads codes over every digit in every position', () => {
    const seen = Array.from({ length: 12 }, () => new Set<string>());
    for (let i = 0; i < 500; i++) {
      const code = mintBarcode();
      for (let p = 0; p < 12; p++) seen[p]?.add(code[p] ?? '');
    }
    // 500 draws miss a digit in a position with probability ~10·0.9^500 ≈ 10⁻²².
    for (const digits of seen) expect(digits.size).toBe(10);
  });

  it('lives three minutes', () => {
    expect(BARCODE_TTL_SECONDS).toBe(180);
  });
});

describe('classifying barcodes', () => {
  it('accepts 13 digits with a valid check digit', () => {
    expect(classifyBarcode('4006381333931')).toBe('ok');
  });

  it('refuses a barcode whose check digit is wrong', () => {
    expect(classifyBarcode('4006381333932')).toBe('malformed');
  });

  it('refuses wrong lengths, spaces, non-digits and non-strings', () => {
    for (const bad of [
      '400638133393',
      '40063813339310',
      ' 4006381333931',
      '4006381333931\n',
      4006381333931,
      null,
    ]) {
      expect(classifyBarcode(bad)).toBe('malformed');
    }
  });
});
