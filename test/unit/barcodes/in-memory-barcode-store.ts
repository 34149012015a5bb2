import type { BarcodeRecord, BarcodeStore, DocumentRef } from '../../../functions/core/barcodes';

/** BarcodeStore with the same conditional semantics the DynamoDB adapter must have, for use-case tests. */
export class InMemoryBarcodeStore implements BarcodeStore {
  readonly records = new Map<string, BarcodeRecord>();
  readonly documentCodes = new Map<string, string>();

  async putIfNoLiveCode(record: BarcodeRecord, now: Date): Promise<boolean> {
    const existing = this.records.get(record.code);
    if (existing && Date.parse(existing.expiresAt) > now.getTime()) return false;
    this.records.set(record.code, { ...record });
    return true;
  }

  async swapDocumentCode(document: DocumentRef, code: string): Promise<string | undefined> {
    const key = `${document.citizenId}#${document.docId}`;
    const previous = this.documentCodes.get(key);
    this.documentCodes.set(key, code);
    return previous;
  }

  async deleteCodeOf(document: DocumentRef, code: string): Promise<void> {
    const record = this.records.get(code);
    if (record && record.citizenId === document.citizenId && record.docId === document.docId) {
      this.records.delete(code);
    }
  }

  async take(code: string): Promise<BarcodeRecord | undefined> {
    const record = this.records.get(code);
    this.records.delete(code);
    return record;
  }
}
