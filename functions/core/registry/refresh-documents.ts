import { kyivDate } from '../checks/kyiv-calendar';
import type { NotificationStore } from '../notifications/notification';
import type { Page, PageRequest } from '../pagination';
import type { WalletDocumentSummary, WalletStore } from '../wallet/wallet';
import type { IssuingRegistry, RegistryVersion } from './registry';

// job --> (refresh documents) --> DocumentsDue, IssuingRegistry, WalletStore, NotificationStore
//
// F9: documents that have expired or expire within 30 days are refreshed from the issuing registry
// when it holds a newer version, and the citizen is told.

export const REFRESH_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** The wallet's documents valid until a date (inclusive), from any citizen: an index on AWS. */
export interface DocumentsDue {
  listDueBy(date: string, page: PageRequest): Promise<Page<WalletDocumentSummary>>;
}

/** The last day (Kyiv calendar) a document may be valid until and still be due for refresh. */
export function refreshCutoff(now: Date): string {
  return kyivDate(new Date(now.getTime() + REFRESH_WINDOW_DAYS * DAY_MS));
}

/** Expired, or expiring within the window. Documents without an end of validity never are. */
export function needsRefresh(document: Pick<WalletDocumentSummary, 'validUntil'>, now: Date): boolean {
  return document.validUntil !== undefined && document.validUntil <= refreshCutoff(now);
}

/** The registry's version replaces the wallet's only when the registry published it later. */
export function isNewerVersion(
  document: Pick<WalletDocumentSummary, 'updatedAt' | 'type'>,
  version: Pick<RegistryVersion, 'publishedAt' | 'type'> | undefined,
): version is RegistryVersion {
  return version !== undefined && version.type === document.type && version.publishedAt > document.updatedAt;
}

export interface RefreshDeps {
  due: DocumentsDue;
  registry: IssuingRegistry;
  wallet: WalletStore;
  notifications: NotificationStore;
  newNotificationId: (now: Date) => string;
}

export interface RefreshOutcome {
  checked: number;
  refreshed: number;
}

/**
 * 1. Page through the documents due (valid until the cutoff or before).
 * 2. For each, ask the issuing registry for its current version.
 * 3. If newer: put it in the wallet, then add a `document.refreshed` notification.
 * Re-running is harmless: a refreshed document is no longer older than the registry's version.
 */
export async function refreshDueDocuments(deps: RefreshDeps, now = new Date()): Promise<RefreshOutcome> {
  const outcome: RefreshOutcome = { checked: 0, refreshed: 0 };
  const cutoff = refreshCutoff(now);
  let cursor: string | undefined;
  do {
    const page = await deps.due.listDueBy(cutoff, { limit: 100, cursor });
    for (const document of page.items) {
      if (!needsRefresh(document, now)) continue;
      outcome.checked += 1;
      const version = await deps.registry.currentVersion(document.citizenId, document.docId);
      if (!isNewerVersion(document, version)) continue;
      await deps.wallet.putDocument({
        docId: document.docId,
        citizenId: document.citizenId,
        type: version.type,
        data: version.data,
        validUntil: version.validUntil,
        issuedBy: version.issuedBy,
        updatedAt: now.toISOString(),
      });
      await deps.notifications.add({
        notificationId: deps.newNotificationId(now),
        citizenId: document.citizenId,
        kind: 'document.refreshed',
        docId: document.docId,
        documentType: version.type,
        validUntil: version.validUntil,
        createdAt: now.toISOString(),
      });
      outcome.refreshed += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return outcome;
}
