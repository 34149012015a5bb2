import { describe, expect, it } from 'vitest';
import { ageOnDate, birthDateMatches, isAgeOver } from '../../../functions/core/checks/age';

describe('age on a date', () => {
  it('counts whole years, turning one older on the birthday itself', () => {
    expect(ageOnDate('2008-05-21', new Date('2026-05-20T12:00:00Z'))).toBe(17);
    expect(ageOnDate('2008-05-21', new Date('2026-05-21T12:00:00Z'))).toBe(18);
  });

  it('uses the Kyiv calendar date, not the UTC one', () => {
    // 21:30 UTC on 20 May is 00:30 on 21 May in Kyiv (UTC+3 in summer).
    expect(ageOnDate('2008-05-21', new Date('2026-05-20T21:30:00Z'))).toBe(18);
    // 20:30 UTC on 20 May is still 20 May (23:30) in Kyiv.
    expect(ageOnDate('2008-05-21', new Date('2026-05-20T20:30:00Z'))).toBe(17);
    // Winter: UTC+2, so 22:30 UTC on 31 December is already New Year in Kyiv.
    expect(ageOnDate('2008-01-01', new Date('2025-12-31T22:30:00Z'))).toBe(18);
  });

  it('lets someone born on 29 February turn older on 1 March in a common year', () => {
    expect(ageOnDate('2008-02-29', new Date('2026-02-28T12:00:00Z'))).toBe(17);
    expect(ageOnDate('2008-02-29', new Date('2026-03-01T12:00:00Z'))).toBe(18);
    expect(ageOnDate('2008-02-29', new Date('2028-02-29T12:00:00Z'))).toBe(20);
  });

  it('refuses an impossible birth date', () => {
    expect(() => ageOnDate('2008-02-30', new Date())).toThrow(RangeError);
  });
});

describe('age over N', () => {
  it('is true from the N-th birthday on (at least N, not more than N)', () => {
    expect(isAgeOver('2008-05-21', 18, new Date('2026-05-21T00:00:00+03:00'))).toBe(true);
    expect(isAgeOver('2008-05-21', 18, new Date('2026-05-20T23:59:59+03:00'))).toBe(false);
    expect(isAgeOver('1990-03-14', 18, new Date('2026-11-23T12:00:00Z'))).toBe(true);
  });
});

describe('birth date match', () => {
  it('matches the same calendar date only', () => {
    expect(birthDateMatches('1990-03-14', '1990-03-14')).toBe(true);
    expect(birthDateMatches('1990-03-14', '1990-03-15')).toBe(false);
  });

  it('refuses other spellings of the date and impossible dates', () => {
    expect(birthDateMatches('1990-03-14', '14.03.1990')).toBe(false);
    expect(birthDateMatches('1990-03-14', '1990-3-14')).toBe(false);
    expect(birthDateMatches('1990-03-14', '1990-03-14T00:00:00Z')).toBe(false);
    expect(birthDateMatches('2023-02-29', '2023-02-29')).toBe(false);
  });
});
