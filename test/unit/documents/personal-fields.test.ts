import { describe, expect, it } from 'vitest';
import { personalFieldKeys, splitPersonal } from '../../../functions/core/documents';
import { sampleOf } from './fixtures';

describe('personal fields', () => {
  it('counts names, numbers, birth dates and addresses as personal, validity dates not', () => {
    const keys = personalFieldKeys('internal-passport');
    expect(keys).toEqual(
      expect.arrayContaining(['surname', 'surnameLatin', 'birthDate', 'documentNumber', 'registeredAddress']),
    );
    expect(keys).not.toContain('expiryDate');
    expect(keys).not.toContain('issuingAuthority');
  });

  it('splits a document into personal and non-personal parts that together are the whole', () => {
    const data = sampleOf('driver-license');
    const { personal, nonPersonal } = splitPersonal('driver-license', data);
    expect(Object.keys(nonPersonal).sort()).toEqual([
      'categories',
      'expiryDate',
      'issueDate',
      'issuingAuthority',
    ]);
    expect(personal.surname).toBe('Щербина');
    expect({ ...personal, ...nonPersonal }).toEqual(data);
  });

  it('treats a key the type does not declare as personal', () => {
    const { personal, nonPersonal } = splitPersonal('taxpayer-card', {
      ...sampleOf('taxpayer-card'),
      note: 'x',
    });
    expect(personal.note).toBe('x');
    expect(nonPersonal).toEqual({});
  });

  it('leaves no personal field of the seed data in the non-personal part', () => {
    const { nonPersonal } = splitPersonal('idp-certificate', sampleOf('idp-certificate'));
    expect(Object.keys(nonPersonal).sort()).toEqual(['issueDate', 'issuedBy']);
  });
});
