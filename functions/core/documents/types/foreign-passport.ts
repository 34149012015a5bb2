import * as z from 'zod';
import { defineDocument } from '../descriptor';
import {
  authorityCode,
  cyrillicName,
  isoDate,
  latinName,
  recordNumber,
  requireOrder,
  requireRecordNumberMatchesBirthDate,
  sex,
  text,
} from '../field-schemas';
import { holderNameFields, holderNameOf } from '../holder-fields';

// Паспорт громадянина України для виїзду за кордон (biometric, ICAO 9303 TD3).
const schema = z
  .object({
    number: z.string().regex(/^[A-Z]{2}\d{6}$/, 'must be 2 Latin capitals and 6 digits'),
    surname: cyrillicName,
    givenName: cyrillicName,
    patronymic: cyrillicName.optional(),
    surnameLatin: latinName,
    givenNameLatin: latinName,
    nationality: z.literal('UKR'),
    sex,
    birthDate: isoDate,
    birthPlace: text,
    recordNumber,
    issueDate: isoDate,
    expiryDate: isoDate,
    authority: authorityCode,
  })
  .strict()
  .superRefine((data, ctx) => {
    requireRecordNumberMatchesBirthDate(ctx, data);
    requireOrder(ctx, data, 'birthDate', 'issueDate');
    requireOrder(ctx, data, 'issueDate', 'expiryDate');
  });

export const foreignPassport = defineDocument({
  type: 'foreign-passport',
  titleUk: 'Закордонний паспорт',
  titleEn: 'Passport of a citizen of Ukraine for travelling abroad',
  schema,
  fields: [
    { key: 'number', labelUk: 'Номер паспорта', labelEn: 'Passport No.', personal: true },
    ...holderNameFields(true),
    { key: 'nationality', labelUk: 'Громадянство', labelEn: 'Nationality', personal: false },
    { key: 'sex', labelUk: 'Стать', labelEn: 'Sex', personal: true, kind: 'sex' },
    { key: 'birthDate', labelUk: 'Дата народження', labelEn: 'Date of birth', personal: true, kind: 'date' },
    { key: 'birthPlace', labelUk: 'Місце народження', labelEn: 'Place of birth', personal: true },
    { key: 'recordNumber', labelUk: 'Запис № (УНЗР)', labelEn: 'Record No.', personal: true },
    { key: 'issueDate', labelUk: 'Дата видачі', labelEn: 'Date of issue', personal: false, kind: 'date' },
    { key: 'expiryDate', labelUk: 'Дійсний до', labelEn: 'Date of expiry', personal: false, kind: 'date' },
    { key: 'authority', labelUk: 'Орган, що видав', labelEn: 'Authority', personal: false },
  ],
  validUntil: (data) => data.expiryDate,
  numberKey: 'number',
  holderName: holderNameOf,
  birthDate: (data) => data.birthDate,
});
