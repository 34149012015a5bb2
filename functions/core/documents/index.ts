export {
  type DescribedField,
  type DocumentDescription,
  describeDocument,
  formatDate,
} from './describe-document';
export type { DocumentDescriptor, DocumentField, FieldKind } from './descriptor';
export { type DocumentStatus, documentStatus } from './document-status';
export { DOCUMENT_TYPES, type DocumentType, documentTypeSchema } from './document-type';
export { personalFieldKeys, splitPersonal } from './personal-fields';
export { type DocumentData, descriptorOf, documentTypes, parseDocumentData } from './registry';
