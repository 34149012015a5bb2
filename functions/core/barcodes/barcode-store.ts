// use case (issue/consume) --> BarcodeStore <-- adapter (DynamoDB, in memory for tests)

/** A sharing code: which citizen's document it opens, of which type, until when. Times are ISO instants. */
export interface BarcodeRecord {
  code: string;
  citizenId: string;
  docId: string;
  documentType: string;
  issuedAt: string;
  expiresAt: string;
}

export interface DocumentRef {
  citizenId: string;
  docId: string;
}

export type TakenBarcode =
  | { outcome: 'taken'; record: BarcodeRecord }
  | { outcome: 'absent' }
  /** The record's document type is not among those allowed: left in place, still usable. */
  | { outcome: 'refused'; record: BarcodeRecord };

/**
 * Storage of barcodes. A document remembers its current code; only that code opens it, so a new code
 * replaces the previous one even before the previous record is deleted. "Live" means
 * expiresAt > now; expired records may linger (DynamoDB TTL deletes late) and must behave as absent.
 */
export interface BarcodeStore {
  /**
   * Makes `code` the document's current code, in one conditional write that also proves the citizen
   * holds the document. Returns the document's type and the code it replaces; undefined when the
   * citizen has no such document.
   */
  makeCurrent(
    document: DocumentRef,
    code: string,
  ): Promise<{ documentType: string; replaced?: string } | undefined>;
  /**
   * Stores the record unless a live record with the same code exists (a conditional put:
   * attribute_not_exists(code) OR expiresAt <= :now). Returns false on such a clash.
   */
  putIfNoLiveCode(record: BarcodeRecord, now: Date): Promise<boolean>;
  /** Deletes `code` only if it still belongs to `document` (it may have expired and been reissued). */
  deleteCodeOf(document: DocumentRef, code: string): Promise<void>;
  /**
   * Deletes the record and returns it, in one atomic step, so a code can be used only once — unless
   * `allowedTypes` is given and the record's document type is not among them.
   */
  take(code: string, allowedTypes?: readonly string[]): Promise<TakenBarcode>;
}
