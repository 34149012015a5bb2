import * as z from 'zod';
import { defineDocument } from '../descriptor';
import { cyrillicName, isoDate, text } from '../field-schemas';

// Свідоцтво про реєстрацію транспортного засобу. Plates use only the 12 Cyrillic letters that have
// Latin look-alikes (А В Е І К М Н О Р С Т Х); a VIN (ISO 3779) never contains I, O or Q.
const PLATE_LETTER = '[АВЕІКМНОРСТХ]';

const schema = z
  .object({
    certificateNumber: z
      .string()
      .regex(/^[А-ЩЬЮЯҐЄІЇ]{3}\d{6}$/u, 'must be 3 Cyrillic capitals and 6 digits'),
    plateNumber: z
      .string()
      .regex(new RegExp(`^${PLATE_LETTER}{2}\\d{4}${PLATE_LETTER}{2}$`, 'u'), 'must look like АА1234ВВ'),
    vin: z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'must be 17 characters without I, O or Q'),
    make: text,
    model: z.string().min(1).max(100),
    year: z.number().int().min(1900).max(2100),
    colour: text,
    ownerSurname: cyrillicName,
    ownerGivenName: cyrillicName,
    ownerPatronymic: cyrillicName.optional(),
    registrationDate: isoDate,
  })
  .strict()
  .superRefine((data, ctx) => {
    if (typeof data.year === 'number' && typeof data.registrationDate === 'string') {
      // A car can be registered in the autumn before its model year, hardly earlier.
      if (Number(data.registrationDate.slice(0, 4)) < data.year - 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['registrationDate'],
          message: 'is before the vehicle was made',
        });
      }
    }
  });

export const vehicleRegistration = defineDocument({
  type: 'vehicle-registration',
  titleUk: 'Свідоцтво про реєстрацію транспортного засобу',
  titleEn: 'Vehicle registration certificate',
  schema,
  fields: [
    { key: 'certificateNumber', labelUk: 'Номер свідоцтва', labelEn: 'Certificate No.', personal: true },
    { key: 'plateNumber', labelUk: 'Номерний знак', labelEn: 'Registration plate', personal: true },
    { key: 'vin', labelUk: 'VIN', labelEn: 'VIN', personal: true },
    { key: 'make', labelUk: 'Марка', labelEn: 'Make', personal: false },
    { key: 'model', labelUk: 'Модель', labelEn: 'Model', personal: false },
    { key: 'year', labelUk: 'Рік випуску', labelEn: 'Year of manufacture', personal: false },
    { key: 'colour', labelUk: 'Колір', labelEn: 'Colour', personal: false },
    { key: 'ownerSurname', labelUk: 'Прізвище власника', labelEn: "Owner's surname", personal: true },
    { key: 'ownerGivenName', labelUk: "Ім'я власника", labelEn: "Owner's given name", personal: true },
    {
      key: 'ownerPatronymic',
      labelUk: 'По батькові власника',
      labelEn: "Owner's patronymic",
      personal: true,
    },
    {
      key: 'registrationDate',
      labelUk: 'Дата реєстрації',
      labelEn: 'Date of registration',
      personal: false,
      kind: 'date',
    },
  ],
  validUntil: () => undefined,
  numberKey: 'certificateNumber',
  holderName: (data) => ({
    surname: data.ownerSurname,
    givenName: data.ownerGivenName,
    ...(data.ownerPatronymic ? { patronymic: data.ownerPatronymic } : {}),
  }),
  birthDate: () => undefined,
});
