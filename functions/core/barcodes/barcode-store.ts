// use case (issue/consume) --> BarcodeStore <-- adapter (DynamoDB, in memory for tests)

/** A live sharing code: which citizen's document it opens, until when. Times are ISO instants. */
export interface BarcodeRecord {
  code: string;
  citizenId: string;
  docId: string;
  issuedAt: string;
  expiresAt: string;
}

export interface DocumentRef {
  citizenId: string;
  docId: string;
}

/**
 * Storage of barcodes. "Live" means expiresAt > now; expired records may linger (DynamoDB TTL deletes
 * late) and must behave as absent.
 */
export interface BarcodeStore {
  /**
   * Stores the record unless a live record with the same code exists (a conditional put:
   * attribute_not_exists(code) OR expiresAt <= :now). Returns false on such a clash.
   */
  putIfNoLiveCode(record: BarcodeRecord, now: Date): Promise<boolean>;
  /** Makes `code` the document's current code; returns the code it replaces, if any (atomic swap). */
  swapDocumentCode(document: DocumentRef, code: string): Promise<string | undefined>;
  /** Deletes `code` only if it still belongs to `document` (it may have expired and been reissued). */
  deleteCodeOf(document: DocumentRef, code: string): Promise<void>;
  /** Deletes the record and returns it, in one atomic step, so a code can be used only once. */
  take(code: string): Promise<BarcodeRecord | undefined>;
}
