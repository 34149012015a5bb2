import { describe, expect, it } from 'vitest';
import { isValidEdrpou } from '../../../functions/core/checks/edrpou';

describe('EDRPOU', () => {
  it('accepts the codes of well-known Ukrainian legal entities', () => {
    expect(isValidEdrpou('14360570')).toBe(true); // АТ КБ «ПриватБанк»
    expect(isValidEdrpou('00032129')).toBe(true); // АТ «Ощадбанк»
    expect(isValidEdrpou('21560045')).toBe(true); // АТ «Укрпошта»
    expect(isValidEdrpou('31316718')).toBe(true); // ТОВ «Нова Пошта» (7,1..6 weights range)
  });

  it('accepts published codes from both weight ranges', () => {
    // From python-stdnum's list of real codes found online.
    for (const code of ['00022438', '02010669', '20077720', '30327425', '37107050', '43808820']) {
      expect(isValidEdrpou(code)).toBe(true);
    }
  });

  it('uses the +2 weights when the first remainder is 10, in both weight ranges', () => {
    // Each of these has Σ wᵢdᵢ ≡ 10 (mod 11) with the first weights, so only the retry explains them.
    expect(isValidEdrpou('21133352')).toBe(true); // АТ «Універсал Банк» (monobank), weights 1..7
    expect(isValidEdrpou('02070987')).toBe(true); // from python-stdnum's list, weights 1..7
    expect(isValidEdrpou('30674235')).toBe(true); // from python-stdnum's list, weights 7,1..6
    expect(isValidEdrpou('33124015')).toBe(true); // from python-stdnum's list, weights 7,1..6
    expect(isValidEdrpou('21133350')).toBe(false); // the first-pass remainder mod 10 would be 0
  });

  it('refuses a code whose check digit is wrong', () => {
    expect(isValidEdrpou('14360571')).toBe(false);
    expect(isValidEdrpou('32855968')).toBe(false);
  });

  it('refuses anything but eight ASCII digits', () => {
    for (const bad of ['', '1436057', '143605700', '1436057O', 'VV855961']) {
      expect(isValidEdrpou(bad)).toBe(false);
    }
  });
});
