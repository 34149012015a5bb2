import { describe, expect, it } from 'vitest';
import { type DocumentType, documentTypes } from '../../../functions/core/documents';
import { sampleOf } from './fixtures';

function accepts(type: DocumentType, changes: Record<string, unknown>): boolean {
  return documentTypes[type].schema.safeParse({ ...sampleOf(type), ...changes }).success;
}

describe('internal passport schema', () => {
  it('refuses a record number (УНЗР) whose date is not the birth date', () => {
    expect(accepts('internal-passport', { recordNumber: '19900315-02468' })).toBe(false);
  });

  it('refuses a document number that is not 9 digits', () => {
    expect(accepts('internal-passport', { documentNumber: '00481726' })).toBe(false);
    expect(accepts('internal-passport', { documentNumber: 'АА0048172' })).toBe(false);
  });

  it('refuses an expiry date before the issue date and impossible dates', () => {
    expect(accepts('internal-passport', { expiryDate: '2019-06-11' })).toBe(false);
    expect(accepts('internal-passport', { issueDate: '2019-02-30' })).toBe(false);
  });

  it('refuses Latin letters in the Cyrillic name and Cyrillic in the Latin one', () => {
    expect(accepts('internal-passport', { surname: 'Shcherbyna' })).toBe(false);
    expect(accepts('internal-passport', { surnameLatin: 'Щербина' })).toBe(false);
  });

  it('accepts apostrophes and hyphens inside names, and no patronymic', () => {
    expect(accepts('internal-passport', { surname: "Дем'яненко-Квітка", givenName: 'Марʼяна' })).toBe(true);
    expect(accepts('internal-passport', { patronymic: undefined })).toBe(true);
  });

  it('refuses a sex other than M or F', () => {
    expect(accepts('internal-passport', { sex: 'Ж' })).toBe(false);
  });
});

describe('taxpayer card schema', () => {
  it('refuses an RNOKPP whose check digit is wrong', () => {
    expect(accepts('taxpayer-card', { rnokpp: '3294520861' })).toBe(false);
  });

  it('refuses an RNOKPP that encodes another birth date', () => {
    expect(accepts('taxpayer-card', { birthDate: '1990-03-15' })).toBe(false);
  });
});

describe('foreign passport schema', () => {
  it('refuses a number that is not 2 Latin capitals and 6 digits, and another nationality', () => {
    expect(accepts('foreign-passport', { number: 'ФХ482915' })).toBe(false);
    expect(accepts('foreign-passport', { number: 'FX48291' })).toBe(false);
    expect(accepts('foreign-passport', { nationality: 'POL' })).toBe(false);
  });
});

describe('driver licence schema', () => {
  it('refuses unknown, repeated or no categories', () => {
    expect(accepts('driver-license', { categories: [{ category: 'Z', since: '2010-07-21' }] })).toBe(false);
    const b = { category: 'B', since: '2010-07-21' };
    expect(accepts('driver-license', { categories: [b, b] })).toBe(false);
    expect(accepts('driver-license', { categories: [] })).toBe(false);
  });

  it('refuses a category that ends before it starts', () => {
    expect(
      accepts('driver-license', {
        categories: [{ category: 'C1', since: '2015-02-01', until: '2014-02-01' }],
      }),
    ).toBe(false);
  });

  it('refuses a number with Latin letters', () => {
    expect(accepts('driver-license', { number: 'BXA418273' })).toBe(false);
  });
});

describe('vehicle registration schema', () => {
  it('refuses a VIN with I, O or Q, or of the wrong length', () => {
    expect(accepts('vehicle-registration', { vin: 'WVWZZZ1KZBW38421O' })).toBe(false);
    expect(accepts('vehicle-registration', { vin: 'WVWZZZ1KZBW38421' })).toBe(false);
  });

  it('accepts plates with look-alike Cyrillic letters only', () => {
    expect(accepts('vehicle-registration', { plateNumber: 'КА0001ІХ' })).toBe(true);
    expect(accepts('vehicle-registration', { plateNumber: 'ЖА0001ВВ' })).toBe(false);
    expect(accepts('vehicle-registration', { plateNumber: 'AA1234BB' })).toBe(false);
  });

  it('refuses a registration long before the vehicle was made', () => {
    expect(accepts('vehicle-registration', { registrationDate: '2005-01-01' })).toBe(false);
  });
});

describe('birth certificate schema', () => {
  it('accepts series written with a Cyrillic or Latin Roman numeral', () => {
    expect(accepts('birth-certificate', { series: 'І-БК' })).toBe(true);
    expect(accepts('birth-certificate', { series: 'II-БК' })).toBe(true);
    expect(accepts('birth-certificate', { series: 'БК' })).toBe(false);
  });

  it('lets a parent be left out', () => {
    expect(accepts('birth-certificate', { fatherFullName: undefined })).toBe(true);
  });
});

describe('student card schema', () => {
  it('refuses an unknown form of study', () => {
    expect(accepts('student-card', { studyForm: 'екстернат' })).toBe(false);
  });
});
