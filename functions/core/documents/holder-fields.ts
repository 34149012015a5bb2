import type { HolderName } from '../checks/full-name';
import type { DocumentField } from './descriptor';

/** Surname, given name and patronymic rows; with Latin spellings for documents that print them. */
export function holderNameFields(withLatin: boolean): DocumentField[] {
  const latin = (key: string) => (withLatin ? { latinKey: key } : {});
  const rows: DocumentField[] = [
    { key: 'surname', labelUk: 'Прізвище', labelEn: 'Surname', personal: true, ...latin('surnameLatin') },
    { key: 'givenName', labelUk: "Ім'я", labelEn: 'Given name', personal: true, ...latin('givenNameLatin') },
    { key: 'patronymic', labelUk: 'По батькові', labelEn: 'Patronymic', personal: true },
  ];
  if (withLatin) {
    rows.push(
      { key: 'surnameLatin', labelUk: 'Прізвище латиницею', labelEn: 'Surname (Latin)', personal: true },
      { key: 'givenNameLatin', labelUk: "Ім'я латиницею", labelEn: 'Given name (Latin)', personal: true },
    );
  }
  return rows;
}

interface NameData {
  surname: string;
  givenName: string;
  patronymic?: string | undefined;
  surnameLatin?: string;
  givenNameLatin?: string;
}

export function holderNameOf(data: NameData): HolderName {
  return {
    surname: data.surname,
    givenName: data.givenName,
    ...(data.patronymic ? { patronymic: data.patronymic } : {}),
    ...(data.surnameLatin && data.givenNameLatin
      ? { latin: { surname: data.surnameLatin, givenName: data.givenNameLatin } }
      : {}),
  };
}
