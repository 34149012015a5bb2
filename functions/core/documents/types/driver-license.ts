import * as z from 'zod';
import { defineDocument } from '../descriptor';
import { cyrillicName, isoDate, latinName, requireOrder, text } from '../field-schemas';
import { holderNameFields, holderNameOf } from '../holder-fields';

// Посвідчення водія (Vienna Convention / Directive 2006/126/EC layout). Categories per art. 30 of
// the Law of Ukraine «Про дорожній рух», each with the date it was granted and, for some, an end.
export const DRIVING_CATEGORIES = [
  'A1',
  'A',
  'B1',
  'B',
  'C1',
  'C',
  'D1',
  'D',
  'BE',
  'C1E',
  'CE',
  'D1E',
  'DE',
  'T',
] as const;

const drivingCategory = z
  .object({ category: z.enum(DRIVING_CATEGORIES), since: isoDate, until: isoDate.optional() })
  .strict()
  .superRefine((data, ctx) => requireOrder(ctx, data, 'since', 'until'));

const schema = z
  .object({
    number: z.string().regex(/^[А-ЩЬЮЯҐЄІЇ]{3}\d{6}$/u, 'must be 3 Cyrillic capitals and 6 digits'),
    surname: cyrillicName,
    givenName: cyrillicName,
    patronymic: cyrillicName.optional(),
    surnameLatin: latinName,
    givenNameLatin: latinName,
    birthDate: isoDate,
    categories: z.array(drivingCategory).min(1).max(DRIVING_CATEGORIES.length),
    issueDate: isoDate,
    expiryDate: isoDate,
    issuingAuthority: text,
  })
  .strict()
  .superRefine((data, ctx) => {
    requireOrder(ctx, data, 'birthDate', 'issueDate');
    requireOrder(ctx, data, 'issueDate', 'expiryDate');
    if (!Array.isArray(data.categories)) return;
    const names = data.categories.map((c) => c?.category);
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', path: ['categories'], message: 'lists a category twice' });
    }
  });

export const driverLicense = defineDocument({
  type: 'driver-license',
  titleUk: 'Посвідчення водія',
  titleEn: 'Driving licence',
  schema,
  fields: [
    { key: 'number', labelUk: 'Номер посвідчення', labelEn: 'Licence No.', personal: true },
    ...holderNameFields(true),
    { key: 'birthDate', labelUk: 'Дата народження', labelEn: 'Date of birth', personal: true, kind: 'date' },
    {
      key: 'categories',
      labelUk: 'Категорії',
      labelEn: 'Categories',
      personal: false,
      kind: 'driving-categories',
    },
    { key: 'issueDate', labelUk: 'Дата видачі', labelEn: 'Date of issue', personal: false, kind: 'date' },
    { key: 'expiryDate', labelUk: 'Дійсне до', labelEn: 'Date of expiry', personal: false, kind: 'date' },
    { key: 'issuingAuthority', labelUk: 'Орган, що видав', labelEn: 'Authority', personal: false },
  ],
  validUntil: (data) => data.expiryDate,
  numberKey: 'number',
  holderName: holderNameOf,
  birthDate: (data) => data.birthDate,
});
