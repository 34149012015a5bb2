import type { DocumentType } from '../documents/document-type';
import type { FieldSelection } from '../documents/field-selection';
import type { Page, PageRequest } from '../pagination';
import type { OrganisationStatus } from './business-registry';

// An organisation without an IT system (F6, Diia.QR): registered by its head, a signed-in citizen.
// Its branches receive copies by e-mail, so a branch's address must be proven before it may receive
// any; its services say which documents a visitor shares. One QR code per (branch, service).

/** pending_verification → verified; SES bounces and complaints make it undeliverable. */
export type BranchEmailStatus = 'pending_verification' | 'verified' | 'undeliverable';

export interface OrganisationNotice {
  at: string;
  kind: 'email_undeliverable';
  branchId: string;
  detail: string;
}

export interface Organisation {
  orgId: string;
  ownerId: string;
  name: string;
  /** EDRPOU (8 digits) or, for a sole trader, RNOKPP (10 digits). */
  taxId: string;
  /** active: the business registry names the owner as head, or an operator approved it. */
  status: OrganisationStatus;
  notices: OrganisationNotice[];
  createdAt: string;
  updatedAt: string;
}

export interface OrgBranch {
  orgId: string;
  branchId: string;
  name: string;
  email: string;
  address: string;
  emailStatus: BranchEmailStatus;
  emailVerifiedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface OrgService {
  orgId: string;
  serviceId: string;
  name: string;
  documentTypes: DocumentType[];
  /** Per document type, the only fields the service needs (extracts); a type left out is shared whole. */
  fields?: FieldSelection;
  createdAt: string;
  updatedAt: string;
}

/** What a poster's QR code stands for. */
export interface QrCodeRecord {
  qrCode: string;
  orgId: string;
  branchId: string;
  serviceId: string;
  createdAt: string;
}

export interface EmailVerification {
  orgId: string;
  branchId: string;
  email: string;
  expiresAt: string;
  usedAt?: string;
}

export interface OrganisationStore {
  /**
   * Creates the organisation with its branches and services (all or nothing); 'tax-id-taken' when a
   * live organisation already has its tax id.
   */
  create(
    organisation: Organisation,
    branches: OrgBranch[],
    services: OrgService[],
  ): Promise<'created' | 'tax-id-taken'>;
  get(orgId: string): Promise<Organisation | undefined>;
  listByOwner(ownerId: string, page: PageRequest): Promise<Page<Organisation>>;
  /** 'tax-id-taken' when the new tax id belongs to another live organisation (nothing written). */
  update(
    orgId: string,
    previousTaxId: string,
    fields: Pick<Organisation, 'name' | 'taxId' | 'status' | 'updatedAt'>,
  ): Promise<'updated' | 'tax-id-taken'>;
  setStatus(orgId: string, status: OrganisationStatus, at: string): Promise<boolean>;
  /** Deletes the organisation with its branches, services, QR codes. */
  delete(orgId: string): Promise<void>;
  addNotice(orgId: string, notice: OrganisationNotice): Promise<void>;

  branches(orgId: string): Promise<OrgBranch[]>;
  getBranch(orgId: string, branchId: string): Promise<OrgBranch | undefined>;
  putBranch(branch: OrgBranch, mode: 'create' | 'replace'): Promise<void>;
  deleteBranch(orgId: string, branchId: string): Promise<void>;
  /** Marks the e-mail verified only while the branch still has that address; false otherwise. */
  markEmailVerified(orgId: string, branchId: string, email: string, at: string): Promise<boolean>;
  /** Every branch (of any organisation) whose address is `email`. */
  branchesWithEmail(email: string): Promise<OrgBranch[]>;
  setEmailStatus(orgId: string, branchId: string, status: BranchEmailStatus, at: string): Promise<void>;

  services(orgId: string): Promise<OrgService[]>;
  getService(orgId: string, serviceId: string): Promise<OrgService | undefined>;
  putService(service: OrgService, mode: 'create' | 'replace'): Promise<void>;
  deleteService(orgId: string, serviceId: string): Promise<void>;

  /** The QR code of (branch, service): the existing one, or `candidate` stored as new. */
  qrCodeFor(candidate: QrCodeRecord): Promise<QrCodeRecord>;
  findQrCode(qrCode: string): Promise<QrCodeRecord | undefined>;

  putEmailVerification(tokenHash: string, verification: EmailVerification): Promise<void>;
  /** Uses a verification up (conditional): 'used' once, then 'already_used'; unknown → undefined. */
  useEmailVerification(
    tokenHash: string,
    now: Date,
  ): Promise<{ outcome: 'used' | 'already_used' | 'expired'; verification: EmailVerification } | undefined>;
}
