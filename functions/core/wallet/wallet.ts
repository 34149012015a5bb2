import type { DocumentType } from '../documents/document-type';
import type { Page, PageRequest } from '../pagination';
import type { PinAttemptState, PinAttemptWrite } from '../pin';

// The citizen's wallet: a profile and documents from issuing registries. Personal fields are
// encrypted at rest by the store (envelope encryption); the domain sees plain values.

export interface Citizen {
  citizenId: string;
  fullName: string;
  createdAt: string;
}

export interface WalletDocument {
  docId: string;
  citizenId: string;
  type: DocumentType;
  data: Record<string, unknown>;
  /** ISO date the document is valid until, when it has one. */
  validUntil?: string;
  issuedBy: string;
  updatedAt: string;
}

/** What a list shows without decrypting personal fields. */
export type WalletDocumentSummary = Omit<WalletDocument, 'data'>;

export interface DocumentReadOptions {
  /** Read the document only if this barcode is its current one (a newer code replaces an older one). */
  barcode?: string;
}

export interface WalletStore {
  putCitizen(citizen: Citizen): Promise<void>;
  getCitizen(citizenId: string): Promise<Citizen | undefined>;
  putDocument(document: WalletDocument): Promise<void>;
  getDocument(
    citizenId: string,
    docId: string,
    options?: DocumentReadOptions,
  ): Promise<WalletDocument | undefined>;
  /** The document without its personal fields (no decryption). */
  getDocumentSummary(
    citizenId: string,
    docId: string,
    options?: DocumentReadOptions,
  ): Promise<WalletDocumentSummary | undefined>;
  listDocuments(citizenId: string, page: PageRequest): Promise<Page<WalletDocumentSummary>>;
  /**
   * Up to `limit` of the citizen's documents in one read, each with `open()` to unseal its personal
   * fields (only those a caller goes on to use).
   */
  listDocumentsToOpen(
    citizenId: string,
    limit: number,
  ): Promise<Array<WalletDocumentSummary & { open(): Promise<WalletDocument> }>>;
}

export interface PinRecord {
  pinHash?: string;
  attempts: PinAttemptState;
}

export interface PinStore {
  getPin(citizenId: string): Promise<PinRecord>;
  /** The keyed pre-hash of a PIN (KMS HMAC of citizen and PIN) that the stored scrypt hash is of. */
  pepper(citizenId: string, pin: string): Promise<string>;
  setPinHash(citizenId: string, pinHash: string): Promise<void>;
  /** Applies a conditional attempt write; false when the condition failed (state changed meanwhile). */
  applyAttemptWrite(
    citizenId: string,
    write: PinAttemptWrite,
    now: Date,
  ): Promise<{ applied: boolean; failedAttempts?: number }>;
}
