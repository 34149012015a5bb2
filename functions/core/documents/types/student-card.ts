import * as z from 'zod';
import { defineDocument } from '../descriptor';
import { cyrillicName, isoDate, requireOrder, text } from '../field-schemas';
import { holderNameFields, holderNameOf } from '../holder-fields';

// Студентський квиток from the ЄДЕБО register: series of two Cyrillic capitals and 8 digits
// (e.g. «КВ12345678»); also issued to students of professional colleges, some of them minors.
export const STUDY_FORMS = ['денна', 'заочна', 'вечірня', 'дистанційна', 'дуальна'] as const;

const schema = z
  .object({
    number: z.string().regex(/^[А-ЩЬЮЯҐЄІЇ]{2}\d{8}$/u, 'must be 2 Cyrillic capitals and 8 digits'),
    surname: cyrillicName,
    givenName: cyrillicName,
    patronymic: cyrillicName.optional(),
    birthDate: isoDate,
    university: text,
    faculty: text,
    studyForm: z.enum(STUDY_FORMS),
    issueDate: isoDate,
    validUntil: isoDate,
  })
  .strict()
  .superRefine((data, ctx) => {
    requireOrder(ctx, data, 'birthDate', 'issueDate');
    requireOrder(ctx, data, 'issueDate', 'validUntil');
  });

export const studentCard = defineDocument({
  type: 'student-card',
  titleUk: 'Студентський квиток',
  titleEn: 'Student card',
  schema,
  fields: [
    { key: 'number', labelUk: 'Номер квитка', labelEn: 'Card No.', personal: true },
    ...holderNameFields(false),
    { key: 'birthDate', labelUk: 'Дата народження', labelEn: 'Date of birth', personal: true, kind: 'date' },
    { key: 'university', labelUk: 'Заклад освіти', labelEn: 'Institution', personal: false },
    { key: 'faculty', labelUk: 'Факультет', labelEn: 'Faculty', personal: false },
    { key: 'studyForm', labelUk: 'Форма навчання', labelEn: 'Form of study', personal: false },
    { key: 'issueDate', labelUk: 'Дата видачі', labelEn: 'Date of issue', personal: false, kind: 'date' },
    { key: 'validUntil', labelUk: 'Дійсний до', labelEn: 'Valid until', personal: false, kind: 'date' },
  ],
  validUntil: (data) => data.validUntil,
  numberKey: 'number',
  holderName: holderNameOf,
  birthDate: (data) => data.birthDate,
});
