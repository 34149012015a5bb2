import { describe, expect, it } from 'vitest';
import { judgeRegistration } from '../../../functions/core/organisations/business-registry';

const clinic = { taxId: '39918247', name: 'ТОВ «Клініка Здоров’я»', headCitizenIds: ['cit_head'] };

describe('registering an organisation against the business registry', () => {
  it('activates it under the registry’s name when the registrant heads the company', () => {
    expect(judgeRegistration(clinic, 'cit_head', 'Клініка')).toEqual({ status: 'active', name: clinic.name });
  });

  it('keeps anyone else’s registration in review, under the name they typed', () => {
    expect(judgeRegistration(clinic, 'cit_other', 'ТОВ «Клініка Здоров’я»')).toEqual({
      status: 'pending_review',
      name: 'ТОВ «Клініка Здоров’я»',
    });
  });

  it('keeps a tax id the registry does not know in review', () => {
    expect(judgeRegistration(undefined, 'cit_head', 'Нова фірма').status).toBe('pending_review');
  });
});
