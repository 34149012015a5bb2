import type { z } from 'zod';
import { InvalidRequest } from '../errors';
import type { DocumentDescriptor } from './descriptor';
import type { DocumentType } from './document-type';
import { birthCertificate } from './types/birth-certificate';
import { driverLicense } from './types/driver-license';
import { foreignPassport } from './types/foreign-passport';
import { idpCertificate } from './types/idp-certificate';
import { internalPassport } from './types/internal-passport';
import { studentCard } from './types/student-card';
import { taxpayerCard } from './types/taxpayer-card';
import { vehicleRegistration } from './types/vehicle-registration';

/** Every document type's plug-in; adding a type means adding a module and a line here. */
export const documentTypes = {
  'internal-passport': internalPassport,
  'foreign-passport': foreignPassport,
  'taxpayer-card': taxpayerCard,
  'idp-certificate': idpCertificate,
  'birth-certificate': birthCertificate,
  'driver-license': driverLicense,
  'vehicle-registration': vehicleRegistration,
  'student-card': studentCard,
} as const satisfies Record<DocumentType, DocumentDescriptor>;

/** The fields of one document type, as its schema produces them. */
export type DocumentData<T extends DocumentType = DocumentType> = z.infer<
  (typeof documentTypes)[T]['schema']
>;

/** The descriptor without its type-specific callbacks' types, for code that handles any document. */
export function descriptorOf(type: DocumentType): DocumentDescriptor {
  return documentTypes[type] as DocumentDescriptor;
}

/** Validates a document's fields against its type's schema; throws InvalidRequest listing every problem. */
export function parseDocumentData<T extends DocumentType>(type: T, data: unknown): DocumentData<T> {
  const result = descriptorOf(type).schema.safeParse(data);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    throw new InvalidRequest(`The ${type} data is not valid`, errors);
  }
  return result.data as DocumentData<T>;
}
