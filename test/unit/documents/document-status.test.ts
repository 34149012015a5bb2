import { describe, expect, it } from 'vitest';
import { documentStatus, documentTypes } from '../../../functions/core/documents';
import { sampleOf } from './fixtures';

describe('document validity', () => {
  it('is valid through the last day of validity and expired from the next Kyiv day', () => {
    const data = { ...sampleOf('foreign-passport'), expiryDate: '2026-06-30' };
    expect(documentStatus('foreign-passport', data, new Date('2026-06-30T20:59:59Z'))).toBe('valid');
    expect(documentStatus('foreign-passport', data, new Date('2026-06-30T21:00:00Z'))).toBe('expired');
  });

  it('never expires a document without a validity date', () => {
    expect(documentStatus('taxpayer-card', sampleOf('taxpayer-card'), new Date('2100-01-01'))).toBe('valid');
  });

  it('reads validity from the field each type uses', () => {
    expect(documentTypes['student-card'].validUntil(sampleOf('student-card'))).toBe('2029-06-30');
    expect(documentTypes['driver-license'].validUntil(sampleOf('driver-license'))).toBe('2050-07-21');
    expect(documentTypes['birth-certificate'].validUntil(sampleOf('birth-certificate'))).toBeUndefined();
  });
});

describe('holder and birth date', () => {
  it('gives the holder name with the Latin spelling where the document prints one', () => {
    expect(documentTypes['internal-passport'].holderName(sampleOf('internal-passport'))).toEqual({
      surname: 'Щербина',
      givenName: 'Юлія',
      patronymic: 'Олександрівна',
      latin: { surname: 'Shcherbyna', givenName: 'Yuliia' },
    });
  });

  it('takes the owner as the holder of a vehicle registration, without a birth date', () => {
    const data = sampleOf('vehicle-registration');
    expect(documentTypes['vehicle-registration'].holderName(data)?.surname).toBe('Згурський');
    expect(documentTypes['vehicle-registration'].birthDate(data)).toBeUndefined();
  });

  it('takes the child as the holder of a birth certificate', () => {
    const data = sampleOf('birth-certificate');
    expect(documentTypes['birth-certificate'].holderName(data)?.givenName).toBe('Марія');
    expect(documentTypes['birth-certificate'].birthDate(data)).toBe('2010-04-17');
  });
});
