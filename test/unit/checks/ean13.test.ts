import { describe, expect, it } from 'vitest';
import { ean13CheckDigit, isValidEan13 } from '../../../functions/core/checks/ean13';

describe('EAN-13 check digit', () => {
  it('computes the check digit of published GS1 examples', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1);
    expect(ean13CheckDigit('590123412345')).toBe(7);
    expect(ean13CheckDigit('978030640615')).toBe(7); // ISBN 978-0-306-40615-7
  });

  it('gives 0 when the weighted sum is already a multiple of ten', () => {
    expect(ean13CheckDigit('000000000000')).toBe(0);
  });

  it('accepts a code whose last digit is its check digit', () => {
    expect(isValidEan13('4006381333931')).toBe(true);
    expect(isValidEan13('5901234123457')).toBe(true);
  });

  it('refuses a code whose check digit is wrong', () => {
    expect(isValidEan13('4006381333932')).toBe(false);
  });

  it('refuses a transposition of two neighbouring digits', () => {
    expect(isValidEan13('4006381339331')).toBe(false);
  });

  it('refuses wrong lengths and non-digits', () => {
    for (const bad of [
      '',
      '400638133393',
      '40063813339310',
      '400638133393a',
      ' 4006381333931',
      '４００６３８１３３３９３１',
    ]) {
      expect(isValidEan13(bad)).toBe(false);
    }
  });

  it('throws when asked for the check digit of anything but 12 digits', () => {
    expect(() => ean13CheckDigit('12345')).toThrow(TypeError);
  });
});
