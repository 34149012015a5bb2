import type {
  BarcodeRecord,
  BarcodeStore,
  DocumentRef,
  OpenDocument,
  TakenBarcode,
} from '../../../functions/core/barcodes';

interface HeldDocument {
  documentType: string;
  currentBarcode?: string;
}

/**
 * BarcodeStore with the same conditional semantics the DynamoDB adapter must have, for use-case tests.
 * Documents are held by whoever they are registered for (`hold`); any other citizen's docId is unknown.
 */
export class InMemoryBarcodeStore implements BarcodeStore {
  readonly records = new Map<string, BarcodeRecord>();
  readonly documents = new Map<string, HeldDocument>();

  hold(document: DocumentRef, documentType = 'internal-passport'): this {
    this.documents.set(keyOf(document), { documentType });
    return this;
  }

  /** What the wallet does for consumeBarcode: the document, only while `code` is its current one. */
  readonly open: OpenDocument<HeldDocument & DocumentRef> = async (ref, code) => {
    const held = this.documents.get(keyOf(ref));
    return held && held.currentBarcode === code ? { ...held, ...ref } : undefined;
  };

  async makeCurrent(document: DocumentRef, code: string) {
    const held = this.documents.get(keyOf(document));
    if (!held) return undefined;
    const replaced = held.currentBarcode;
    held.currentBarcode = code;
    return { documentType: held.documentType, replaced };
  }

  async putIfNoLiveCode(record: BarcodeRecord, now: Date): Promise<boolean> {
    const existing = this.records.get(record.code);
    if (existing && Date.parse(existing.expiresAt) > now.getTime()) return false;
    this.records.set(record.code, { ...record });
    return true;
  }

  async deleteCodeOf(document: DocumentRef, code: string): Promise<void> {
    const record = this.records.get(code);
    if (record && record.citizenId === document.citizenId && record.docId === document.docId) {
      this.records.delete(code);
    }
  }

  async take(code: string, allowedTypes?: readonly string[]): Promise<TakenBarcode> {
    const record = this.records.get(code);
    if (!record) return { outcome: 'absent' };
    if (allowedTypes && !allowedTypes.includes(record.documentType)) return { outcome: 'refused', record };
    this.records.delete(code);
    return { outcome: 'taken', record };
  }
}

const keyOf = (document: DocumentRef) => `${document.citizenId}#${document.docId}`;
