import { createHash } from 'node:crypto';
import type { DocumentType } from '../documents/document-type';
import type { FieldSelection } from '../documents/field-selection';
import type { Page, PageRequest } from '../pagination';

// Standing access: a citizen who approves an offer with `accessDays > 0` lets that partner fetch
// fresh packages of the same documents until `until`, without asking again, until revoked.

export type ConsentStatus = 'active' | 'revoked';

export interface Consent {
  consentId: string;
  partnerId: string;
  citizenId: string;
  /** The approved request that granted it. */
  requestId: string;
  branchId: string;
  offerId: string;
  documentTypes: DocumentType[];
  /** The approved offer's field selection; every package under this consent is the same extract. */
  fields?: FieldSelection;
  partnerName: string;
  branchName: string;
  branchAddress: string;
  purpose: string;
  since: string;
  until: string;
  status: ConsentStatus;
  revokedAt?: string;
  uses: number;
  lastUsedAt?: string;
}

export interface ConsentStore {
  /** Stores a new consent; an existing one with the same id is left as it is (idempotent grant). */
  put(consent: Consent): Promise<void>;
  /** A partner's consent by id (undefined for another partner's). */
  getForPartner(partnerId: string, consentId: string): Promise<Consent | undefined>;
  /** The partner's consents; with `liveAt`, only those active and unexpired at that time. */
  listForPartner(partnerId: string, page: PageRequest, liveAt?: Date): Promise<Page<Consent>>;
  /** Every consent the citizen gave (all pages), optionally to one partner. */
  listForCitizen(citizenId: string, partnerId?: string): Promise<Consent[]>;
  /** Counts one use, only while the consent is active and unexpired; false otherwise. */
  recordUse(consent: Consent, now: Date): Promise<boolean>;
  /** Ends the consent; true if it was active. */
  revoke(consent: Consent, now: Date): Promise<boolean>;
  /** Removes the consent (erasure, after revocation). */
  remove(consent: Consent): Promise<void>;
}

/** One consent per approved request: retries of the grant find the same id. */
export function consentIdFor(partnerId: string, requestId: string): string {
  const digest = createHash('sha256').update(`${partnerId}\n${requestId}`).digest('base64url');
  return `cns_${digest.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}`;
}

export function isLive(consent: Pick<Consent, 'status' | 'until'>, now: Date): boolean {
  return consent.status === 'active' && Date.parse(consent.until) > now.getTime();
}

export type ConsentState = 'active' | 'revoked' | 'expired';

export function consentState(consent: Pick<Consent, 'status' | 'until'>, now: Date): ConsentState {
  if (consent.status === 'revoked') return 'revoked';
  return isLive(consent, now) ? 'active' : 'expired';
}

/** What the partner sees: no citizen identifiers beyond the consent itself. */
export function partnerConsentView(consent: Consent, now = new Date()) {
  return {
    consentId: consent.consentId,
    requestId: consent.requestId,
    branchId: consent.branchId,
    offerId: consent.offerId,
    documentTypes: consent.documentTypes,
    fields: consent.fields,
    purpose: consent.purpose,
    since: consent.since,
    until: consent.until,
    status: consentState(consent, now),
    uses: consent.uses,
    lastUsedAt: consent.lastUsedAt,
  };
}
