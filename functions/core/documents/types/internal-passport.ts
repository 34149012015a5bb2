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

// Паспорт громадянина України у формі ID-картки (Regulation approved by CMU resolution No. 302).
const schema = z
  .object({
    surname: cyrillicName,
    givenName: cyrillicName,
    patronymic: cyrillicName.optional(),
    surnameLatin: latinName,
    givenNameLatin: latinName,
    sex,
    birthDate: isoDate,
    documentNumber: z.string().regex(/^\d{9}$/, 'must be 9 digits'),
    recordNumber,
    issuingAuthority: authorityCode,
    issueDate: isoDate,
    expiryDate: isoDate,
    registeredAddress: text,
  })
  .strict()
  .superRefine((data, ctx) => {
    requireRecordNumberMatchesBirthDate(ctx, data);
    requireOrder(ctx, data, 'birthDate', 'issueDate');
    requireOrder(ctx, data, 'issueDate', 'expiryDate');
  });

export const internalPassport = defineDocument({
  type: 'internal-passport',
  titleUk: 'Паспорт громадянина України (ID-картка)',
  titleEn: 'Identity card of a citizen of Ukraine',
  schema,
  fields: [
    ...holderNameFields(true),
    { key: 'sex', labelUk: 'Стать', labelEn: 'Sex', personal: true, kind: 'sex' },
    { key: 'birthDate', labelUk: 'Дата народження', labelEn: 'Date of birth', personal: true, kind: 'date' },
    { key: 'documentNumber', labelUk: 'Номер документа', labelEn: 'Document No.', personal: true },
    { key: 'recordNumber', labelUk: 'Запис № (УНЗР)', labelEn: 'Record No.', personal: true },
    { key: 'issuingAuthority', labelUk: 'Орган, що видав', labelEn: 'Authority', personal: false },
    { key: 'issueDate', labelUk: 'Дата видачі', labelEn: 'Date of issue', personal: false, kind: 'date' },
    { key: 'expiryDate', labelUk: 'Дійсний до', labelEn: 'Date of expiry', personal: false, kind: 'date' },
    { key: 'registeredAddress', labelUk: 'Місце проживання', labelEn: 'Registered address', personal: true },
  ],
  validUntil: (data) => data.expiryDate,
  numberKey: 'documentNumber',
  holderName: holderNameOf,
  birthDate: (data) => data.birthDate,
});
