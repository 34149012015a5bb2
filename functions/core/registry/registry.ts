import type { DocumentType } from '../documents/document-type';

// The issuing registries' side of documents: the registry's current version of each document it
// issued. The issuer path (the operator's `registry.import` / `registry.publish`) publishes versions;
// the refresh job reads them. On AWS and locally alike these are table items (adapters/dynamo/registry-store.ts);
// a real registry's API would be another adapter of the same port.

export interface RegistryVersion {
  citizenId: string;
  docId: string;
  type: DocumentType;
  /** The document's fields, checked against its type's schema when published. */
  data: Record<string, unknown>;
  validUntil?: string;
  issuedBy: string;
  /** When the registry published this version (ISO-8601). */
  publishedAt: string;
}

/** Asks the issuing registry for a document's current version. */
export interface IssuingRegistry {
  currentVersion(citizenId: string, docId: string): Promise<RegistryVersion | undefined>;
}

export interface RegistryPublisher {
  publish(version: RegistryVersion): Promise<void>;
}
