import type { DocumentsDue } from '../../core/registry/refresh-documents';
import type { WalletDocument } from '../../core/wallet/wallet';
import { queryExpiringBy } from './expiry-index';

// The wallet documents due for refresh, from the expiry index (wallet-store.ts writes the entries).
export const dynamoDocumentsDue: DocumentsDue = {
  async listDueBy(date, page) {
    const out = await queryExpiringBy('DOC', date, page);
    return {
      items: out.items.map((item) => ({
        docId: item.docId as string,
        citizenId: item.citizenId as string,
        type: item.documentType as WalletDocument['type'],
        validUntil: item.validUntil as string | undefined,
        issuedBy: item.issuedBy as string,
        updatedAt: item.updatedAt as string,
      })),
      nextCursor: out.nextCursor,
    };
  },
};
