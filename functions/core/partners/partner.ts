import type { DocumentType } from '../documents/document-type';
import type { FieldSelection } from '../documents/field-selection';
import type { PartnerKey } from '../keys/partner-jwk';
import type { Page, PageRequest } from '../pagination';

export { type DocumentType as DocumentTypeName, documentTypeSchema } from '../documents/document-type';

export interface Partner {
  partnerId: string;
  name: string;
  documentTypes: DocumentType[];
  createdAt: string;
  encryptionKey?: PartnerKey;
}

export interface Branch {
  branchId: string;
  partnerId: string;
  name: string;
  email: string;
  address: string;
  callbackUrl?: string;
  documentTypes: DocumentType[];
  createdAt: string;
  updatedAt: string;
}

export interface Offer {
  offerId: string;
  partnerId: string;
  branchId: string;
  name: string;
  purpose: string;
  documentTypes: DocumentType[];
  /** 0 = one-time access; otherwise days of standing access after approval. */
  accessDays: number;
  returnLink?: string;
  /** Per document type, the only fields it asks for; a type left out is shared whole. */
  fields?: FieldSelection;
  createdAt: string;
}

export interface PartnerStore {
  findByApiKeyHash(apiKeyHash: string): Promise<Partner | undefined>;
  get(partnerId: string): Promise<Partner | undefined>;
  /** Stores a new partner with the hash of its first API key and its (encrypted) webhook secret. */
  create(partner: Partner, apiKeyHash: string, webhookSecret: string): Promise<void>;
  /** Replaces the partner's API key: the old hash stops authenticating at once. */
  replaceApiKey(partnerId: string, newApiKeyHash: string): Promise<void>;
  setEncryptionKey(partnerId: string, key: PartnerKey): Promise<void>;
  setWebhookSecret(partnerId: string, webhookSecret: string): Promise<void>;
  /** Reads the partner's sealed webhook secret; `open()` unseals it (KMS) only when it is needed. */
  loadWebhookSecret(partnerId: string): Promise<{ open(): Promise<string | undefined> }>;
}

export interface BranchStore {
  putBranch(branch: Branch, mode: 'create' | 'replace'): Promise<void>;
  getBranch(partnerId: string, branchId: string): Promise<Branch | undefined>;
  listBranches(partnerId: string, page: PageRequest): Promise<Page<Branch>>;
  /** Deletes the branch and its offers. */
  deleteBranch(partnerId: string, branchId: string): Promise<void>;
  putOffer(offer: Offer): Promise<void>;
  getOffer(partnerId: string, branchId: string, offerId: string): Promise<Offer | undefined>;
  listOffers(partnerId: string, branchId: string, page: PageRequest): Promise<Page<Offer>>;
  /** All offers of a branch (for consistency checks when the branch changes). */
  allOffers(partnerId: string, branchId: string): Promise<Offer[]>;
  deleteOffer(partnerId: string, branchId: string, offerId: string): Promise<void>;
}
