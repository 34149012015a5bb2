export { ageOnDate, birthDateMatches, isAgeOver } from './age';
export { ean13CheckDigit, isValidEan13 } from './ean13';
export { isValidEdrpou } from './edrpou';
export { fullNameMatches, type HolderName, normaliseName } from './full-name';
export { addDays, daysBetween, isIsoDate, kyivDate } from './kyiv-calendar';
export { isValidRnokpp, makeRnokpp, rnokppBirthDate, rnokppCheckDigit, rnokppSex, type Sex } from './rnokpp';
export { removeApostrophes, transliterate } from './transliteration';
