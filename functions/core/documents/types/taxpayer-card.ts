import * as z from 'zod';
import { isValidRnokpp, rnokppBirthDate } from '../../checks/rnokpp';
import { defineDocument } from '../descriptor';
import { cyrillicName, isoDate } from '../field-schemas';
import { holderNameFields, holderNameOf } from '../holder-fields';

// Картка платника податків: the RNOKPP (реєстраційний номер облікової картки платника податків).
const schema = z
  .object({
    rnokpp: z.string().regex(/^\d{10}$/, 'must be 10 digits'),
    surname: cyrillicName,
    givenName: cyrillicName,
    patronymic: cyrillicName.optional(),
    birthDate: isoDate,
  })
  .strict()
  .superRefine((data, ctx) => {
    if (typeof data.rnokpp !== 'string' || !/^\d{10}$/.test(data.rnokpp)) return;
    if (!isValidRnokpp(data.rnokpp)) {
      ctx.addIssue({ code: 'custom', path: ['rnokpp'], message: 'check digit is wrong' });
    } else if (rnokppBirthDate(data.rnokpp) !== data.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['rnokpp'], message: 'does not encode the birth date' });
    }
  });

export const taxpayerCard = defineDocument({
  type: 'taxpayer-card',
  titleUk: 'Картка платника податків (РНОКПП)',
  titleEn: 'Taxpayer card (RNOKPP)',
  schema,
  fields: [
    { key: 'rnokpp', labelUk: 'РНОКПП', labelEn: 'Taxpayer number', personal: true },
    ...holderNameFields(false),
    { key: 'birthDate', labelUk: 'Дата народження', labelEn: 'Date of birth', personal: true, kind: 'date' },
  ],
  validUntil: () => undefined,
  numberKey: 'rnokpp',
  holderName: holderNameOf,
  birthDate: (data) => data.birthDate,
});
