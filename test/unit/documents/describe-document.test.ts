import { describe, expect, it } from 'vitest';
import { describeDocument } from '../../../functions/core/documents';
import { sampleOf } from './fixtures';

describe('describeDocument', () => {
  it('prints the Ukrainian title and labels, dates as dd.MM.yyyy', () => {
    const description = describeDocument('internal-passport', sampleOf('internal-passport'));
    expect(description.title).toBe('Паспорт громадянина України (ID-картка)');
    expect(description.fields).toContainEqual({
      key: 'birthDate',
      label: 'Дата народження',
      value: '14.03.1990',
    });
    expect(description.fields).toContainEqual({
      key: 'expiryDate',
      label: 'Дійсний до',
      value: '12.06.2029',
    });
  });

  it('puts the Latin spelling beside the name instead of on a row of its own', () => {
    const { fields } = describeDocument('internal-passport', sampleOf('internal-passport'));
    expect(fields).toContainEqual({
      key: 'surname',
      label: 'Прізвище',
      value: 'Щербина',
      latin: 'Shcherbyna',
    });
    expect(fields.map((f) => f.key)).not.toContain('surnameLatin');
  });

  it('prints sex as Ч/Ж with M/F beside it', () => {
    const { fields } = describeDocument('internal-passport', sampleOf('internal-passport'));
    expect(fields).toContainEqual({ key: 'sex', label: 'Стать', value: 'Ж', latin: 'F' });
  });

  it('prints driving categories with their dates', () => {
    const data = sampleOf('driver-license');
    data.categories = [
      { category: 'B', since: '2010-07-21' },
      { category: 'C1', since: '2015-02-01', until: '2030-02-01' },
    ];
    const row = describeDocument('driver-license', data).fields.find((f) => f.key === 'categories');
    expect(row?.value).toBe('B (з 21.07.2010), C1 (з 01.02.2015 до 01.02.2030)');
  });

  it('leaves out optional fields that are absent', () => {
    const data = sampleOf('birth-certificate');
    delete data.fatherFullName;
    const keys = describeDocument('birth-certificate', data).fields.map((f) => f.key);
    expect(keys).not.toContain('fatherFullName');
    expect(keys).toContain('motherFullName');
  });

  it('keeps the print order of the descriptor', () => {
    const keys = describeDocument('taxpayer-card', sampleOf('taxpayer-card')).fields.map((f) => f.key);
    expect(keys).toEqual(['rnokpp', 'surname', 'givenName', 'patronymic', 'birthDate']);
  });

  it('prints numbers as text', () => {
    const row = describeDocument('vehicle-registration', sampleOf('vehicle-registration')).fields.find(
      (f) => f.key === 'year',
    );
    expect(row?.value).toBe('2011');
  });
});
