// Official Ukrainian → Latin transliteration: Cabinet of Ministers resolution No. 55 of 27.01.2010
// (the table used in passports). Є, Ї, Й, Ю, Я are written Ye, Yi, Y, Yu, Ya at the start of a word and
// ie, i, i, iu, ia elsewhere; «зг» is «zgh» (to keep it apart from «ж» = zh); the soft sign and the
// apostrophe are omitted. Anything that is not a Ukrainian letter passes through unchanged.

// biome-ignore format: a transliteration table reads best as a table
const LETTERS: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i',
  ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
  ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia',
};

const AT_WORD_START: Readonly<Record<string, string>> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

/** Drops every apostrophe look-alike found in Ukrainian names: ' ʼ ’ ‘ `. */
export function removeApostrophes(text: string): string {
  return text.replace(/['ʼ’‘`]/gu, '');
}

// A word: Ukrainian letters, possibly with apostrophes inside («Мар'яна» is one word).
const WORD = /[а-щьюяґєіїА-ЩЬЮЯҐЄІЇ'ʼ’‘`]+/gu;
const IS_APOSTROPHE = /^['ʼ’‘`]$/u;

function isUpper(char: string): boolean {
  return char !== char.toLowerCase();
}

function capitalise(latin: string): string {
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

function transliterateWord(word: string): string {
  const chars = Array.from(word);
  const letters = chars.filter((c) => !IS_APOSTROPHE.test(c));
  // «ЩЕРБИНА» → «SHCHERBYNA», but «Щербина» → «Shcherbyna».
  const allCaps = letters.length > 1 && letters.every(isUpper);
  let out = '';
  let seenLetter = false;
  let previous = '';
  for (const char of chars) {
    if (IS_APOSTROPHE.test(char)) continue;
    const lower = char.toLowerCase();
    let latin = (!seenLetter && AT_WORD_START[lower]) || LETTERS[lower] || '';
    if (lower === 'г' && previous === 'з') latin = 'gh';
    if (allCaps) latin = latin.toUpperCase();
    else if (isUpper(char)) latin = capitalise(latin);
    out += latin;
    seenLetter = true;
    previous = lower;
  }
  return out;
}

/** Ukrainian text in the official Latin transliteration, keeping the case pattern of each word. */
export function transliterate(text: string): string {
  return text.normalize('NFC').replace(WORD, transliterateWord);
}
