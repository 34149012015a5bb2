import type { DocumentData, DocumentType } from '../../../functions/core/documents';
import { demoCitizens } from '../../../local/seed/citizens';

/** A fresh copy of a valid seed document of the given type, to mutate in a test. */
export function sampleOf<T extends DocumentType>(type: T): DocumentData<T> {
  for (const citizen of demoCitizens) {
    const doc = citizen.documents.find((d) => d.type === type);
    if (doc) return structuredClone(doc.data) as DocumentData<T>;
  }
  throw new Error(`no seed document of type ${type}`);
}
