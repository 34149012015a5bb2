import { describe, expect, it } from 'vitest';
import { fullNameMatches, type HolderName } from '../../../functions/core/checks/full-name';

const yuliia: HolderName = { surname: 'Щербина', givenName: 'Юлія', patronymic: 'Олександрівна' };
const mariana: HolderName = { surname: "Дем'яненко", givenName: "Мар'яна", patronymic: 'Юріївна' };

describe('full name matching', () => {
  it('matches the Cyrillic name in Ukrainian order, with or without the patronymic', () => {
    expect(fullNameMatches(yuliia, 'Щербина Юлія Олександрівна')).toBe(true);
    expect(fullNameMatches(yuliia, 'Щербина Юлія')).toBe(true);
  });

  it('matches the name in Western order', () => {
    expect(fullNameMatches(yuliia, 'Юлія Олександрівна Щербина')).toBe(true);
    expect(fullNameMatches(yuliia, 'Юлія Щербина')).toBe(true);
  });

  it('ignores case and extra spaces', () => {
    expect(fullNameMatches(yuliia, '  щербина   ЮЛІЯ\tолександрівна ')).toBe(true);
  });

  it('matches the official Latin transliteration', () => {
    expect(fullNameMatches(yuliia, 'Shcherbyna Yuliia Oleksandrivna')).toBe(true);
    expect(fullNameMatches(yuliia, 'YULIIA SHCHERBYNA')).toBe(true);
  });

  it('matches the Latin spelling printed on the document even when it is not the transliteration', () => {
    const holder: HolderName = { ...yuliia, latin: { surname: 'Scherbina', givenName: 'Julia' } };
    expect(fullNameMatches(holder, 'Julia Scherbina')).toBe(true);
    expect(fullNameMatches(yuliia, 'Julia Scherbina')).toBe(false);
  });

  it('treats apostrophe variants as equal and also accepts the name without one', () => {
    for (const candidate of [
      "Дем'яненко Мар'яна",
      'Демʼяненко Марʼяна',
      'Дем’яненко Мар’яна',
      'Демяненко Маряна',
    ]) {
      expect(fullNameMatches(mariana, candidate)).toBe(true);
    }
  });

  it('refuses a different given name, surname or patronymic', () => {
    expect(fullNameMatches(yuliia, 'Щербина Юрій')).toBe(false);
    expect(fullNameMatches(yuliia, 'Шевченко Юлія')).toBe(false);
    expect(fullNameMatches(yuliia, 'Щербина Юлія Петрівна')).toBe(false);
  });

  it('refuses a surname or given name alone, and an empty candidate', () => {
    expect(fullNameMatches(yuliia, 'Щербина')).toBe(false);
    expect(fullNameMatches(yuliia, 'Юлія')).toBe(false);
    expect(fullNameMatches(yuliia, '   ')).toBe(false);
  });

  it('refuses the patronymic in the wrong place', () => {
    expect(fullNameMatches(yuliia, 'Олександрівна Юлія Щербина')).toBe(false);
    expect(fullNameMatches(yuliia, 'Щербина Олександрівна Юлія')).toBe(false);
  });

  it('refuses a candidate that mixes scripts', () => {
    expect(fullNameMatches(yuliia, 'Shcherbyna Юлія')).toBe(false);
  });

  it('matches a holder without a patronymic only on two words', () => {
    const holder: HolderName = { surname: 'Сміт', givenName: 'Джон' };
    expect(fullNameMatches(holder, 'Джон Сміт')).toBe(true);
    expect(fullNameMatches(holder, 'Сміт Джон Іванович')).toBe(false);
  });

  it('keeps double-barrelled surnames together, whatever the spacing round the hyphen', () => {
    const holder: HolderName = { surname: 'Квітка-Основ’яненко', givenName: 'Григорій' };
    expect(fullNameMatches(holder, 'Григорій Квітка - Основ’яненко')).toBe(true);
    expect(fullNameMatches(holder, 'Hryhorii Kvitka-Osnovianenko')).toBe(true);
    expect(fullNameMatches(holder, 'Григорій Квітка')).toBe(false);
  });
});
