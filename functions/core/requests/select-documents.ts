import type { DocumentType } from '../documents/document-type';
import type { WalletDocumentSummary } from '../wallet/wallet';
import type { ShareRequest } from './share-request';

/** One document per offered type: the one the barcode named, else the one valid the longest. */
export function selectDocumentsToShare(
  request: Pick<ShareRequest, 'documentTypes' | 'docId'>,
  held: WalletDocumentSummary[],
): { selected: WalletDocumentSummary[]; missing: DocumentType[] } {
  const selected: WalletDocumentSummary[] = [];
  const missing: DocumentType[] = [];
  for (const type of request.documentTypes) {
    const candidates = held.filter((document) => document.type === type);
    const chosen =
      candidates.find((document) => document.docId === request.docId) ??
      candidates.sort((a, b) => (b.validUntil ?? '9999').localeCompare(a.validUntil ?? '9999'))[0];
    if (chosen) selected.push(chosen);
    else missing.push(type);
  }
  return { selected, missing };
}
