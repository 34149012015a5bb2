import type { DocumentType } from '../documents/document-type';
import { type FieldSelection, sharedFieldsView } from '../documents/field-selection';

// A request for a citizen's documents, from its submission by a partner to delivery.
//   pending_consent → approved → delivered, or declined, expired (no answer in time), failed.

export type RequestStatus = 'pending_consent' | 'approved' | 'delivered' | 'declined' | 'expired' | 'failed';
export type RequestChannel = 'barcode' | 'deeplink' | 'qr' | 'consent';
export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed' | 'pull_only';

export interface CopySummary {
  copyId: string;
  type: DocumentType;
  generatedAt: string;
  expiresAt: string;
  /** An extract's field keys: what the partner received of this document. */
  fields?: string[];
}

/** What the request records of a copy it delivered (an issued copy names its type documentType). */
export function copySummaryOf(copy: Omit<CopySummary, 'type'> & { documentType: DocumentType }): CopySummary {
  return {
    copyId: copy.copyId,
    type: copy.documentType,
    generatedAt: copy.generatedAt,
    expiresAt: copy.expiresAt,
    ...(copy.fields ? { fields: copy.fields } : {}),
  };
}

export interface ShareRequest {
  requestId: string;
  partnerId: string;
  branchId: string;
  offerId: string;
  channel: RequestChannel;
  status: RequestStatus;
  /** The citizen it is addressed to: known from the barcode, or once a deep link is opened. */
  citizenId?: string;
  /** The document whose barcode started it. */
  docId?: string;
  documentTypes: DocumentType[];
  /** The offer's field selection: for these types only these fields travel (an extract). */
  fields?: FieldSelection;
  partnerName: string;
  branchName: string;
  branchAddress: string;
  purpose: string;
  accessDays: number;
  returnLink?: string;
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  deliveredAt?: string;
  failureReason?: string;
  /** The `reason` of the request.failed webhook: timeout, access_revoked, copy_failed, internal_error. */
  failureCode?: string;
  /** SHA-256 of the submitted body: the same requestId with another body is a conflict. */
  bodyHash: string;
  copies?: CopySummary[];
  missing?: DocumentType[];
  packageKey?: string;
  packageExpiresAt?: string;
  deliveryStatus?: DeliveryStatus;
  deliveryAttempts?: number;
  /** The standing access this request granted (accessDays > 0), or used (channel `consent`). */
  consentId?: string;
  /** QR requests: when the copies e-mail was handed to SES (a retried task does not send again). */
  emailedAt?: string;
  /** Set when the citizen revoked the partner's access: its copies are revoked, its package gone. */
  revokedAt?: string;
  /** Deep links: when the partner presented the one-time result of the citizen's way back. */
  returnResultPresentedAt?: string;
}

export const FINAL_STATUSES: RequestStatus[] = ['delivered', 'declined', 'expired', 'failed'];

/** A pending request past its lifetime is expired, whether or not the flow has caught up yet. */
export function effectiveStatus(
  request: Pick<ShareRequest, 'status' | 'expiresAt'>,
  now = new Date(),
): RequestStatus {
  if (request.status === 'pending_consent' && Date.parse(request.expiresAt) <= now.getTime())
    return 'expired';
  return request.status;
}

export function partnerRequestView(request: ShareRequest, now = new Date()) {
  return {
    requestId: request.requestId,
    status: effectiveStatus(request, now),
    branchId: request.branchId,
    offerId: request.offerId,
    documentTypes: request.documentTypes,
    fields: request.fields,
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
    decidedAt: request.decidedAt,
    deliveredAt: request.deliveredAt,
    deliveryStatus: request.deliveryStatus,
    failureReason: request.failureReason,
    missingDocumentTypes: request.missing,
    consentId: request.consentId,
    revokedAt: request.revokedAt,
    returnResultPresentedAt: request.returnResultPresentedAt,
  };
}

export function citizenRequestView(request: ShareRequest, now = new Date()) {
  return {
    requestId: request.requestId,
    status: effectiveStatus(request, now),
    partner: { partnerId: request.partnerId, name: request.partnerName },
    branch: { name: request.branchName, address: request.branchAddress },
    purpose: request.purpose,
    documentTypes: request.documentTypes,
    fields: request.fields,
    sharedFields: sharedFieldsView(request.documentTypes, request.fields),
    accessDays: request.accessDays,
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
    decidedAt: request.decidedAt,
    returnLink: request.status === 'pending_consent' ? undefined : request.returnLink,
    channel: request.channel,
    consentId: request.consentId,
    revokedAt: request.revokedAt,
    copies: request.copies ?? [],
  };
}
