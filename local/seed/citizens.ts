import type { DocumentData, DocumentType } from '../../functions/core/documents';

// Demo wallet holders for the local runtime and tests. Invented people: names, numbers and addresses are
// realistic in form only. Between them they hold all eight document types; one document has expired
// (Згурський's foreign passport, 2024), and Ковальчук Марія is a minor (born 2010) for age checks.
// Every record must pass its zod schema; RNOKPPs carry valid check digits and the birth dates.

export type SeedDocument = {
  [T in DocumentType]: { docId: string; type: T; data: DocumentData<T> };
}[DocumentType];

export interface DemoCitizen {
  citizenId: string;
  fullName: string;
  /** Demo only: real PINs are set by citizens and stored as scrypt hashes. */
  pin: string;
  documents: SeedDocument[];
  /** The demo business registry's companies this citizen heads (EDRPOUs with valid check digits). */
  companies: Array<{ taxId: string; name: string }>;
}

const yuliia: DemoCitizen = {
  citizenId: 'cit_demo_1',
  fullName: 'Щербина Юлія Олександрівна',
  pin: '47291',
  companies: [
    { taxId: '42103519', name: 'ТОВ «Готель „Ринок“»' },
    { taxId: '43007622', name: 'ТОВ «Нотаріальна контора Щербини»' },
  ],
  documents: [
    {
      docId: 'doc_demo_1_passport',
      type: 'internal-passport',
      data: {
        surname: 'Щербина',
        givenName: 'Юлія',
        patronymic: 'Олександрівна',
        surnameLatin: 'Shcherbyna',
        givenNameLatin: 'Yuliia',
        sex: 'F',
        birthDate: '1990-03-14',
        documentNumber: '004817265',
        recordNumber: '19900314-02468',
        issuingAuthority: '8031',
        issueDate: '2019-06-12',
        expiryDate: '2029-06-12',
        registeredAddress: 'м. Київ, вул. Велика Васильківська, буд. 72, кв. 15',
      },
    },
    {
      docId: 'doc_demo_1_foreign_passport',
      type: 'foreign-passport',
      data: {
        number: 'FX482915',
        surname: 'Щербина',
        givenName: 'Юлія',
        patronymic: 'Олександрівна',
        surnameLatin: 'Shcherbyna',
        givenNameLatin: 'Yuliia',
        nationality: 'UKR',
        sex: 'F',
        birthDate: '1990-03-14',
        birthPlace: 'м. Київ',
        recordNumber: '19900314-02468',
        issueDate: '2021-09-03',
        expiryDate: '2031-09-03',
        authority: '8012',
      },
    },
    {
      docId: 'doc_demo_1_taxpayer_card',
      type: 'taxpayer-card',
      data: {
        rnokpp: '3294520860',
        surname: 'Щербина',
        givenName: 'Юлія',
        patronymic: 'Олександрівна',
        birthDate: '1990-03-14',
      },
    },
    {
      docId: 'doc_demo_1_driver_license',
      type: 'driver-license',
      data: {
        number: 'ВХА418273',
        surname: 'Щербина',
        givenName: 'Юлія',
        patronymic: 'Олександрівна',
        surnameLatin: 'Shcherbyna',
        givenNameLatin: 'Yuliia',
        birthDate: '1990-03-14',
        categories: [
          { category: 'B', since: '2010-07-21' },
          { category: 'A1', since: '2016-05-05' },
        ],
        issueDate: '2020-07-21',
        expiryDate: '2050-07-21',
        issuingAuthority: 'ТСЦ МВС № 8041',
      },
    },
  ],
};

const oleksii: DemoCitizen = {
  citizenId: 'cit_demo_2',
  companies: [{ taxId: '39918247', name: 'ТОВ «Клініка Здоров’я»' }],
  fullName: 'Згурський Олексій Петрович',
  pin: '83516',
  documents: [
    {
      docId: 'doc_demo_2_passport',
      type: 'internal-passport',
      data: {
        surname: 'Згурський',
        givenName: 'Олексій',
        patronymic: 'Петрович',
        surnameLatin: 'Zghurskyi',
        givenNameLatin: 'Oleksii',
        sex: 'M',
        birthDate: '1984-11-02',
        documentNumber: '001935472',
        recordNumber: '19841102-01357',
        issuingAuthority: '1419',
        issueDate: '2017-02-20',
        expiryDate: '2027-02-20',
        registeredAddress: 'Донецька обл., м. Маріуполь, просп. Миру, буд. 45, кв. 8',
      },
    },
    {
      docId: 'doc_demo_2_foreign_passport',
      type: 'foreign-passport',
      data: {
        number: 'EK731904',
        surname: 'Згурський',
        givenName: 'Олексій',
        patronymic: 'Петрович',
        surnameLatin: 'Zghurskyi',
        givenNameLatin: 'Oleksii',
        nationality: 'UKR',
        sex: 'M',
        birthDate: '1984-11-02',
        birthPlace: 'Донецька обл.',
        recordNumber: '19841102-01357',
        issueDate: '2014-05-20',
        expiryDate: '2024-05-20',
        authority: '1411',
      },
    },
    {
      docId: 'doc_demo_2_taxpayer_card',
      type: 'taxpayer-card',
      data: {
        rnokpp: '3098754378',
        surname: 'Згурський',
        givenName: 'Олексій',
        patronymic: 'Петрович',
        birthDate: '1984-11-02',
      },
    },
    {
      docId: 'doc_demo_2_idp_certificate',
      type: 'idp-certificate',
      data: {
        number: '1418-5000217364',
        surname: 'Згурський',
        givenName: 'Олексій',
        patronymic: 'Петрович',
        birthDate: '1984-11-02',
        previousAddress: 'Донецька обл., м. Маріуполь, просп. Миру, буд. 45, кв. 8',
        currentAddress: 'Дніпропетровська обл., м. Дніпро, вул. Січеславська Набережна, буд. 17, кв. 41',
        issueDate: '2022-04-11',
        issuedBy: 'Департамент соціальної політики Дніпровської міської ради',
      },
    },
    {
      docId: 'doc_demo_2_vehicle_registration',
      type: 'vehicle-registration',
      data: {
        certificateNumber: 'СХЕ302718',
        plateNumber: 'АЕ4172ХВ',
        vin: 'WVWZZZ1KZBW384217',
        make: 'VOLKSWAGEN',
        model: 'GOLF',
        year: 2011,
        colour: 'СІРИЙ',
        ownerSurname: 'Згурський',
        ownerGivenName: 'Олексій',
        ownerPatronymic: 'Петрович',
        registrationDate: '2022-06-30',
      },
    },
  ],
};

const mariia: DemoCitizen = {
  citizenId: 'cit_demo_3',
  companies: [{ taxId: '44120777', name: 'ТОВ «Студентський хостел»' }],
  fullName: 'Ковальчук Марія Іванівна',
  pin: '29074',
  documents: [
    {
      docId: 'doc_demo_3_birth_certificate',
      type: 'birth-certificate',
      data: {
        series: 'І-СГ',
        number: '482916',
        surname: 'Ковальчук',
        givenName: 'Марія',
        patronymic: 'Іванівна',
        sex: 'F',
        birthDate: '2010-04-17',
        birthPlace: 'м. Львів',
        fatherFullName: 'Ковальчук Іван Степанович',
        motherFullName: 'Ковальчук Оксана Богданівна',
        actRecordNumber: '1742',
        issuedBy: 'Шевченківський районний у місті Львові відділ державної реєстрації актів цивільного стану',
        issueDate: '2010-04-29',
      },
    },
    {
      docId: 'doc_demo_3_student_card',
      type: 'student-card',
      data: {
        number: 'ЛВ20481736',
        surname: 'Ковальчук',
        givenName: 'Марія',
        patronymic: 'Іванівна',
        birthDate: '2010-04-17',
        university: 'Львівський фаховий коледж інформаційних технологій',
        faculty: 'Відділення програмної інженерії',
        studyForm: 'денна',
        issueDate: '2025-09-01',
        validUntil: '2029-06-30',
      },
    },
    {
      docId: 'doc_demo_3_taxpayer_card',
      type: 'taxpayer-card',
      data: {
        rnokpp: '4028406121',
        surname: 'Ковальчук',
        givenName: 'Марія',
        patronymic: 'Іванівна',
        birthDate: '2010-04-17',
      },
    },
  ],
};

export const demoCitizens: DemoCitizen[] = [yuliia, oleksii, mariia];

/**
 * Versions the issuing registry published after the wallet import and has not pushed to the wallet:
 * Згурський's foreign passport was renewed (new number, valid to 2035). The document refresh job
 * (F9) finds the expired one in the wallet and takes this version, and the citizen is notified.
 */
export const registryRenewals: Array<{ citizenId: string; issuedBy: string; documents: SeedDocument[] }> = [
  {
    citizenId: 'cit_demo_2',
    issuedBy: 'Демо-реєстр',
    documents: [
      {
        docId: 'doc_demo_2_foreign_passport',
        type: 'foreign-passport',
        data: {
          number: 'GA915307',
          surname: 'Згурський',
          givenName: 'Олексій',
          patronymic: 'Петрович',
          surnameLatin: 'Zghurskyi',
          givenNameLatin: 'Oleksii',
          nationality: 'UKR',
          sex: 'M',
          birthDate: '1984-11-02',
          birthPlace: 'Донецька обл.',
          recordNumber: '19841102-01357',
          issueDate: '2025-03-18',
          expiryDate: '2035-03-18',
          authority: '1228',
        },
      },
    ],
  },
];
