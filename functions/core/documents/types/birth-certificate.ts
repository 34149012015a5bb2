import * as z from 'zod';
import { defineDocument } from '../descriptor';
import { cyrillicFullName, cyrillicName, isoDate, requireOrder, sex, text } from '../field-schemas';
import { holderNameFields, holderNameOf } from '../holder-fields';

// Свідоцтво про народження. The series is a Roman number (written with Latin I/V/X or the Cyrillic І
// people type for it) and two Cyrillic letters of the region, e.g. «І-БК».
const schema = z
  .object({
    series: z.string().regex(/^[IVXІ]{1,4}-[А-ЩЬЮЯҐЄІЇ]{2}$/u, 'must look like І-БК'),
    number: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
    surname: cyrillicName,
    givenName: cyrillicName,
    patronymic: cyrillicName.optional(),
    sex,
    birthDate: isoDate,
    birthPlace: text,
    fatherFullName: cyrillicFullName.optional(),
    motherFullName: cyrillicFullName.optional(),
    actRecordNumber: z.string().regex(/^\d{1,6}$/, 'must be 1–6 digits'),
    issuedBy: text,
    issueDate: isoDate,
  })
  .strict()
  .superRefine((data, ctx) => requireOrder(ctx, data, 'birthDate', 'issueDate'));

export const birthCertificate = defineDocument({
  type: 'birth-certificate',
  titleUk: 'Свідоцтво про народження',
  titleEn: 'Birth certificate',
  schema,
  fields: [
    { key: 'series', labelUk: 'Серія', labelEn: 'Series', personal: true },
    { key: 'number', labelUk: 'Номер', labelEn: 'Number', personal: true },
    ...holderNameFields(false),
    { key: 'sex', labelUk: 'Стать', labelEn: 'Sex', personal: true, kind: 'sex' },
    { key: 'birthDate', labelUk: 'Дата народження', labelEn: 'Date of birth', personal: true, kind: 'date' },
    { key: 'birthPlace', labelUk: 'Місце народження', labelEn: 'Place of birth', personal: true },
    { key: 'fatherFullName', labelUk: 'Батько', labelEn: 'Father', personal: true },
    { key: 'motherFullName', labelUk: 'Мати', labelEn: 'Mother', personal: true },
    { key: 'actRecordNumber', labelUk: 'Актовий запис №', labelEn: 'Civil record No.', personal: true },
    { key: 'issuedBy', labelUk: 'Орган державної реєстрації', labelEn: 'Registry office', personal: false },
    { key: 'issueDate', labelUk: 'Дата видачі', labelEn: 'Date of issue', personal: false, kind: 'date' },
  ],
  validUntil: () => undefined,
  numberKey: 'number',
  holderName: holderNameOf,
  birthDate: (data) => data.birthDate,
});
