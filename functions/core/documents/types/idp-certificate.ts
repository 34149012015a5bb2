import * as z from 'zod';
import { defineDocument } from '../descriptor';
import { cyrillicName, isoDate, requireOrder, text } from '../field-schemas';
import { holderNameFields, holderNameOf } from '../holder-fields';

// Довідка про взяття на облік внутрішньо переміщеної особи (CMU resolution No. 509). It has no
// expiry date: it stays valid until cancelled, which the issuing registry reports as a change.
const schema = z
  .object({
    number: z.string().regex(/^\d{4}-\d{10}$/, 'must look like NNNN-NNNNNNNNNN'),
    surname: cyrillicName,
    givenName: cyrillicName,
    patronymic: cyrillicName.optional(),
    birthDate: isoDate,
    previousAddress: text,
    currentAddress: text,
    issueDate: isoDate,
    issuedBy: text,
  })
  .strict()
  .superRefine((data, ctx) => requireOrder(ctx, data, 'birthDate', 'issueDate'));

export const idpCertificate = defineDocument({
  type: 'idp-certificate',
  titleUk: 'Довідка внутрішньо переміщеної особи',
  titleEn: 'Certificate of an internally displaced person',
  schema,
  fields: [
    { key: 'number', labelUk: 'Номер довідки', labelEn: 'Certificate No.', personal: true },
    ...holderNameFields(false),
    { key: 'birthDate', labelUk: 'Дата народження', labelEn: 'Date of birth', personal: true, kind: 'date' },
    {
      key: 'previousAddress',
      labelUk: 'Місце проживання до переміщення',
      labelEn: 'Address before displacement',
      personal: true,
    },
    {
      key: 'currentAddress',
      labelUk: 'Фактичне місце проживання',
      labelEn: 'Current address',
      personal: true,
    },
    { key: 'issueDate', labelUk: 'Дата видачі', labelEn: 'Date of issue', personal: false, kind: 'date' },
    { key: 'issuedBy', labelUk: 'Орган, що видав', labelEn: 'Issued by', personal: false },
  ],
  validUntil: () => undefined,
  numberKey: 'number',
  holderName: holderNameOf,
  birthDate: (data) => data.birthDate,
});
