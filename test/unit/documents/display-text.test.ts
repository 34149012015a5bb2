import { describe, expect, it } from 'vitest';
import { displayText } from '../../../functions/core/display-text';

describe('displayText', () => {
  const name = displayText(50);

  it('accepts names in any script, with punctuation and quotes', () => {
    for (const value of ['ТОВ «Довіра-Банк»', 'Café de l’Opéra', 'АТ "ПриватБанк" №1', '  Готель Київ  ']) {
      expect(name.safeParse(value).success, value).toBe(true);
    }
    expect(name.parse('  Готель Київ  ')).toBe('Готель Київ');
  });

  it('refuses bidi overrides, isolates, marks, zero-width and control characters', () => {
    for (const ch of [
      '\u202A',
      '\u202E',
      '\u2066',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u200B',
      '\u00AD',
      '\n',
      '\r',
      '\t',
      '\u0000',
      '\u001B',
      '\u2028',
      '\u2029',
      '\uFEFF',
    ]) {
      const result = name.safeParse(`Банк${ch}Довіра`);
      expect(result.success, JSON.stringify(ch)).toBe(false);
    }
  });

  it('refuses empty and over-long text', () => {
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.safeParse('я'.repeat(51)).success).toBe(false);
  });
});
