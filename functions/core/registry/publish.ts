import { descriptorOf, parseDocumentData } from '../documents';
import type { DocumentType } from '../documents/document-type';
import type { RegistryPublisher } from './registry';

// The issuer path's registry side: every document a registry issues (or re-issues) is published as
// its current version, checked against its type's schema first.

export interface RegistryPublication {
  citizenId: string;
  issuedBy: string;
  documents: Array<{ docId: string; type: DocumentType; data: unknown }>;
}

export async function publishToRegistry(
  registry: RegistryPublisher,
  input: RegistryPublication,
  now = new Date(),
): Promise<{ citizenId: string; published: string[] }> {
  const parsed = input.documents.map((document) => ({
    ...document,
    data: parseDocumentData(document.type, document.data) as Record<string, unknown>,
  }));
  for (const document of parsed) {
    await registry.publish({
      citizenId: input.citizenId,
      docId: document.docId,
      type: document.type,
      data: document.data,
      validUntil: descriptorOf(document.type).validUntil(document.data as never),
      issuedBy: input.issuedBy,
      publishedAt: now.toISOString(),
    });
  }
  return { citizenId: input.citizenId, published: parsed.map((document) => document.docId) };
}
