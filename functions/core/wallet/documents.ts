import { kyivDate } from '../checks/kyiv-calendar';
import { describeDocument, descriptorOf, documentStatus, parseDocumentData } from '../documents';
import type { DocumentType } from '../documents/document-type';
import { NotFound } from '../errors';
import type { Citizen, WalletDocument, WalletDocumentSummary, WalletStore } from './wallet';

// handler --> (wallet use cases) --> WalletStore

export function documentSummaryView(document: WalletDocumentSummary, now = new Date()) {
  const descriptor = descriptorOf(document.type);
  const expired = document.validUntil !== undefined && document.validUntil < kyivDate(now);
  return {
    docId: document.docId,
    type: document.type,
    title: descriptor.titleUk,
    validUntil: document.validUntil ?? null,
    status: expired ? ('expired' as const) : ('valid' as const),
  };
}

export function documentView(document: WalletDocument, now = new Date()) {
  const description = describeDocument(document.type, document.data);
  return {
    ...documentSummaryView(document, now),
    status: documentStatus(document.type, document.data, now),
    issuedBy: document.issuedBy,
    data: document.data,
    fields: description.fields,
  };
}

export async function requireDocument(
  store: WalletStore,
  citizenId: string,
  docId: string,
): Promise<WalletDocument> {
  const document = await store.getDocument(citizenId, docId);
  if (!document) throw new NotFound('document');
  return document;
}

export interface RegistryImport {
  citizenId: string;
  fullName: string;
  issuedBy: string;
  documents: Array<{ docId: string; type: DocumentType; data: unknown }>;
}

/** The issuer path: loads or updates a citizen and their documents, each checked against its schema. */
export async function importFromRegistry(store: WalletStore, input: RegistryImport, now = new Date()) {
  const parsed = input.documents.map((document) => ({
    ...document,
    data: parseDocumentData(document.type, document.data) as Record<string, unknown>,
  }));
  const existing = await store.getCitizen(input.citizenId);
  const citizen: Citizen = {
    citizenId: input.citizenId,
    fullName: input.fullName,
    createdAt: existing?.createdAt ?? now.toISOString(),
  };
  await store.putCitizen(citizen);
  for (const document of parsed) {
    await store.putDocument({
      docId: document.docId,
      citizenId: input.citizenId,
      type: document.type,
      data: document.data,
      validUntil: descriptorOf(document.type).validUntil(document.data as never),
      issuedBy: input.issuedBy,
      updatedAt: now.toISOString(),
    });
  }
  return { citizenId: input.citizenId, documents: parsed.map(({ docId, type }) => ({ docId, type })) };
}
