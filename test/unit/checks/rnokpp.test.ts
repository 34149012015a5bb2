import { describe, expect, it } from 'vitest';
import { isValidRnokpp, makeRnokpp, rnokppBirthDate, rnokppSex } from '../../../functions/core/checks/rnokpp';

describe('RNOKPP', () => {
  it('accepts numbers published as valid by independent libraries', () => {
    // python-stdnum's doctest and the fre5h/rnokpp README examples.
    expect(isValidRnokpp('1759013776')).toBe(true);
    expect(isValidRnokpp('3652504575')).toBe(true);
    expect(isValidRnokpp('3068208400')).toBe(true);
  });

  it('refuses a number whose check digit is wrong', () => {
    expect(isValidRnokpp('1759013770')).toBe(false);
    expect(isValidRnokpp('1234567890')).toBe(false);
  });

  it('refuses anything but ten ASCII digits', () => {
    for (const bad of ['', '365250457', '36525045750', '365250457x', '3652 504575']) {
      expect(isValidRnokpp(bad)).toBe(false);
    }
  });

  it('handles a weighted sum that is negative', () => {
    // -1·9 + 0… = -9 ≡ 2 (mod 11): a naive `%` would give -9.
    expect(isValidRnokpp('9000000002')).toBe(true);
  });

  it('reads the birth date as days since 31.12.1899', () => {
    expect(rnokppBirthDate('3652504575')).toBe('2000-01-01');
    expect(rnokppBirthDate(makeRnokpp('1900-01-01', 'F', 0))).toBe('1900-01-01');
    expect(makeRnokpp('1900-01-01', 'F', 0).slice(0, 5)).toBe('00001');
  });

  it('has no birth date for an invalid number', () => {
    expect(rnokppBirthDate('3652504570')).toBeUndefined();
  });

  it('reads the sex from the parity of the ninth digit', () => {
    expect(rnokppSex('3652504575')).toBe('M');
    expect(rnokppSex('3068208400')).toBe('F');
  });

  it('makes valid numbers that encode the birth date and sex asked for', () => {
    for (const [date, sex, serial] of [
      ['1990-03-14', 'F', 0],
      ['1984-11-02', 'M', 1234],
      ['2010-04-17', 'F', 4999],
      ['1960-02-29', 'M', 77],
    ] as const) {
      const code = makeRnokpp(date, sex, serial);
      expect(isValidRnokpp(code)).toBe(true);
      expect(rnokppBirthDate(code)).toBe(date);
      expect(rnokppSex(code)).toBe(sex);
    }
  });

  it('gives different numbers to different serials on the same day', () => {
    const codes = new Set([0, 1, 2, 3].map((serial) => makeRnokpp('1990-03-14', 'M', serial)));
    expect(codes.size).toBe(4);
  });

  it('refuses to make a number for an impossible date or serial', () => {
    expect(() => makeRnokpp('1990-02-30', 'M', 1)).toThrow(RangeError);
    expect(() => makeRnokpp('1899-12-31', 'M', 1)).toThrow(RangeError);
    expect(() => makeRnokpp('1990-01-01', 'M', 5000)).toThrow(RangeError);
  });
});
