import { isIsoDate, kyivDate } from './kyiv-calendar';

/**
 * Completed years of age on the Kyiv calendar date of `now`. Someone born on 29 February has a
 * birthday on 1 March in common years (the day after 28 February), as the civil code counts terms.
 */
export function ageOnDate(birthDate: string, now: Date): number {
  if (!isIsoDate(birthDate)) throw new RangeError(`not a date: ${birthDate}`);
  const today = kyivDate(now);
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const birthdayPassed = today.slice(5) >= birthDate.slice(5);
  return birthdayPassed ? years : years - 1;
}

/**
 * "Age over N" as partners ask it (can this person buy alcohol at 18?): true when the holder is at
 * least N years old today in Kyiv, i.e. from the N-th birthday on — `age >= n`, not `age > n`.
 */
export function isAgeOver(birthDate: string, n: number, now: Date): boolean {
  return ageOnDate(birthDate, now) >= n;
}

/** Exact calendar-date equality; a candidate that is not a real 'YYYY-MM-DD' date never matches. */
export function birthDateMatches(documentBirthDate: string, candidate: string): boolean {
  return isIsoDate(candidate) && candidate === documentBirthDate;
}
