import type { DocumentType } from '../documents/document-type';
import type { Page, PageRequest } from '../pagination';

// What docshare tells a citizen in the wallet. A notification names the document by id and type
// only; the wallet page words it in the reader's language.

export type NotificationKind = 'document.refreshed';

export interface Notification {
  notificationId: string;
  citizenId: string;
  kind: NotificationKind;
  docId: string;
  documentType: DocumentType;
  /** The refreshed document's new validity, when it has one. */
  validUntil?: string;
  createdAt: string;
  readAt?: string;
}

export interface NotificationStore {
  add(notification: Notification): Promise<void>;
  /** Newest first. */
  list(citizenId: string, page: PageRequest): Promise<Page<Notification>>;
  /** False when the citizen has no such notification. */
  markRead(citizenId: string, notificationId: string, now: Date): Promise<boolean>;
}

/** Ids sort by time (newest first when listed in reverse), so the store needs no extra index. */
export function newNotificationId(now: Date, random: string): string {
  return `ntf_${now.getTime().toString(36).padStart(9, '0')}${random}`;
}

export function notificationView(notification: Notification) {
  return {
    notificationId: notification.notificationId,
    kind: notification.kind,
    docId: notification.docId,
    documentType: notification.documentType,
    validUntil: notification.validUntil ?? null,
    createdAt: notification.createdAt,
    read: notification.readAt !== undefined,
  };
}
