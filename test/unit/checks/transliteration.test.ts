import { describe, expect, it } from 'vitest';
import { transliterate } from '../../../functions/core/checks/transliteration';

describe('official Ukrainian transliteration (KMU resolution No. 55)', () => {
  it.each([
    ['Щербина Юлія', 'Shcherbyna Yuliia'],
    ['Згурський', 'Zghurskyi'],
    ['Олексій', 'Oleksii'],
    ['Ярошенко', 'Yaroshenko'],
    ["Мар'яна", 'Mariana'],
    ['Їжакевич', 'Yizhakevych'],
    ['Юрій', 'Yurii'],
    ['Рівне', 'Rivne'],
    ['Розгон', 'Rozghon'],
    ["Знам'янка", 'Znamianka'],
  ])('writes %s as %s', (cyrillic, latin) => {
    expect(transliterate(cyrillic)).toBe(latin);
  });

  it('follows the examples printed in the resolution itself', () => {
    expect(transliterate('Алушта Борщагівка Вінниця Гадяч Ґорґани Дон Рівне Єнакієве Житомир')).toBe(
      'Alushta Borshchahivka Vinnytsia Hadiach Gorgany Don Rivne Yenakiieve Zhytomyr',
    );
    expect(
      transliterate('Іванків Їжакевич Кадиївка Йосипівка Стрий Олексій Юрій Корюківка Яготин Костянтин'),
    ).toBe('Ivankiv Yizhakevych Kadyivka Yosypivka Stryi Oleksii Yurii Koriukivka Yahotyn Kostiantyn');
    expect(transliterate('Хмельницький Ужгород Харків Щербухи Шостка Фастів Гоща Згорани')).toBe(
      'Khmelnytskyi Uzhhorod Kharkiv Shcherbukhy Shostka Fastiv Hoshcha Zghorany',
    );
  });

  it('treats every apostrophe look-alike as an apostrophe and omits it', () => {
    for (const name of ["Мар'яна", 'Марʼяна', 'Мар’яна', 'Мар‘яна', 'Мар`яна']) {
      expect(transliterate(name)).toBe('Mariana');
    }
  });

  it('omits the soft sign', () => {
    expect(transliterate('Львів Ковальчук Гальченко')).toBe('Lviv Kovalchuk Halchenko');
  });

  it('starts a new word after a hyphen', () => {
    expect(transliterate('Квітка-Юрченко')).toBe('Kvitka-Yurchenko');
  });

  it('keeps all-capital words in capitals', () => {
    expect(transliterate('ЩЕРБИНА ЮЛІЯ ЗГУРСЬКИЙ')).toBe('SHCHERBYNA YULIIA ZGHURSKYI');
  });

  it('keeps lower-case words in lower case', () => {
    expect(transliterate('вулиця Хрещатик')).toBe('vulytsia Khreshchatyk');
  });

  it('passes through digits, punctuation and Latin letters', () => {
    expect(transliterate('вул. Січових Стрільців, 12-Б, кв. 3 (ABC)')).toBe(
      'vul. Sichovykh Striltsiv, 12-B, kv. 3 (ABC)',
    );
  });

  it('gives the same result for decomposed and composed Ї', () => {
    expect(transliterate('Ї'.normalize('NFD') + 'жак')).toBe('Yizhak');
  });
});
