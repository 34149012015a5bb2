import { removeApostrophes, transliterate } from './transliteration';

/** A document holder's name as printed on the document; `latin` when the document prints its own. */
export interface HolderName {
  surname: string;
  givenName: string;
  patronymic?: string;
  latin?: { surname: string; givenName: string };
}

/** Lower case, one space between words, apostrophes dropped, dashes unified, no spaces around hyphens. */
export function normaliseName(text: string): string {
  return removeApostrophes(text.normalize('NFC').toLowerCase())
    .replace(/[‐‑‒–—]/gu, '-')
    .replace(/\s*-\s*/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim();
}

function orderings(surname: string, givenName: string, patronymic?: string): string[] {
  const forms = [`${surname} ${givenName}`, `${givenName} ${surname}`];
  if (patronymic)
    forms.push(`${surname} ${givenName} ${patronymic}`, `${givenName} ${patronymic} ${surname}`);
  return forms;
}

/**
 * Whether `candidate` names the holder. Accepted, compared case-insensitively and ignoring apostrophes:
 * - Ukrainian order «Прізвище Ім'я По батькові» or Western order «Ім'я По батькові Прізвище»;
 * - the patronymic may be left out (two words); a holder without a patronymic matches only without one;
 * - written in Cyrillic, in the official transliteration, or in the Latin spelling printed on the document
 *   (which may differ from the transliteration); scripts are not mixed within one candidate.
 * Accepting both orders means «Іван Петро» matches both Іван Петро and Петро Іван — an accepted cost:
 * a partner checking a name it was told gains nothing from that ambiguity.
 */
export function fullNameMatches(holder: HolderName, candidate: string): boolean {
  const wanted = normaliseName(candidate);
  if (wanted === '') return false;
  const forms = [
    ...orderings(holder.surname, holder.givenName, holder.patronymic),
    ...orderings(
      transliterate(holder.surname),
      transliterate(holder.givenName),
      holder.patronymic && transliterate(holder.patronymic),
    ),
  ];
  if (holder.latin) {
    const patronymic = holder.patronymic && transliterate(holder.patronymic);
    forms.push(...orderings(holder.latin.surname, holder.latin.givenName, patronymic));
  }
  return forms.some((form) => normaliseName(form) === wanted);
}
