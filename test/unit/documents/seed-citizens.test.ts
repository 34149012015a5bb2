import { describe, expect, it } from 'vitest';
import { ageOnDate } from '../../../functions/core/checks/age';
import { rnokppBirthDate } from '../../../functions/core/checks/rnokpp';
import { transliterate } from '../../../functions/core/checks/transliteration';
import {
  DOCUMENT_TYPES,
  descriptorOf,
  documentStatus,
  documentTypes,
} from '../../../functions/core/documents';
import { validateNewPin } from '../../../functions/core/pin';
import { demoCitizens } from '../../../local/seed/citizens';

const allDocuments = demoCitizens.flatMap((c) => c.documents.map((d) => ({ citizen: c, ...d })));
const now = new Date('2026-11-23T12:00:00Z');

describe('demo citizens', () => {
  it('are at least three, with stable distinct ids', () => {
    expect(demoCitizens.length).toBeGreaterThanOrEqual(3);
    expect(new Set(demoCitizens.map((c) => c.citizenId)).size).toBe(demoCitizens.length);
    expect(new Set(allDocuments.map((d) => d.docId)).size).toBe(allDocuments.length);
    expect(demoCitizens[0]?.citizenId).toBe('cit_demo_1');
  });

  it('hold all eight document types between them', () => {
    expect(new Set(allDocuments.map((d) => d.type))).toEqual(new Set(DOCUMENT_TYPES));
  });

  it('have documents that all pass their schemas', () => {
    for (const doc of allDocuments) {
      const result = documentTypes[doc.type].schema.safeParse(doc.data);
      expect(result.error?.issues ?? [], doc.docId).toEqual([]);
    }
  });

  it('have RNOKPPs that are valid and encode their birth dates', () => {
    const cards = allDocuments.filter((d) => d.type === 'taxpayer-card');
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      if (card.type !== 'taxpayer-card') continue;
      expect(rnokppBirthDate(card.data.rnokpp)).toBe(card.data.birthDate);
    }
  });

  it('are named on every document as in their full name', () => {
    for (const doc of allDocuments) {
      const name = descriptorOf(doc.type).holderName(doc.data);
      expect([name?.surname, name?.givenName, name?.patronymic].join(' '), doc.docId).toBe(
        doc.citizen.fullName,
      );
    }
  });

  it('carry the official transliteration as their Latin names', () => {
    for (const doc of allDocuments) {
      const name = descriptorOf(doc.type).holderName(doc.data);
      if (!name?.latin) continue;
      expect(name.latin.surname).toBe(transliterate(name.surname));
      expect(name.latin.givenName).toBe(transliterate(name.givenName));
    }
  });

  it('include an expired document and a citizen under 18', () => {
    const expired = allDocuments.filter((d) => documentStatus(d.type, d.data, now) === 'expired');
    expect(expired.map((d) => d.docId)).toEqual(['doc_demo_2_foreign_passport']);
    const ages = allDocuments.flatMap((d) => {
      const birthDate = descriptorOf(d.type).birthDate(d.data);
      return birthDate ? [ageOnDate(birthDate, now)] : [];
    });
    expect(Math.min(...ages)).toBeLessThan(18);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(18);
  });

  it('have demo PINs that the PIN policy accepts', () => {
    for (const citizen of demoCitizens) expect(validateNewPin(citizen.pin)).toEqual({ ok: true });
  });
});
