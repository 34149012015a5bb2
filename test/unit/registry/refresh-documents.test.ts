import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../functions/core/notifications/notification';
import {
  isNewerVersion,
  needsRefresh,
  refreshCutoff,
  refreshDueDocuments,
} from '../../../functions/core/registry/refresh-documents';
import type { RegistryVersion } from '../../../functions/core/registry/registry';
import type { WalletDocument, WalletDocumentSummary } from '../../../functions/core/wallet/wallet';

const now = new Date('2026-03-01T10:00:00Z');
const summary = (over: Partial<WalletDocumentSummary> = {}): WalletDocumentSummary => ({
  docId: 'doc_1',
  citizenId: 'cit_1',
  type: 'foreign-passport',
  validUntil: '2024-05-20',
  issuedBy: 'Демо-реєстр',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const version = (over: Partial<RegistryVersion> = {}): RegistryVersion => ({
  citizenId: 'cit_1',
  docId: 'doc_1',
  type: 'foreign-passport',
  data: { number: 'GA915307' },
  validUntil: '2035-03-18',
  issuedBy: 'Демо-реєстр',
  publishedAt: '2026-02-01T00:00:00.000Z',
  ...over,
});

describe('which documents need a refresh', () => {
  it('takes expired documents and those expiring within 30 days (Kyiv calendar), inclusive', () => {
    expect(refreshCutoff(now)).toBe('2026-03-31');
    expect(needsRefresh({ validUntil: '2024-05-20' }, now)).toBe(true);
    expect(needsRefresh({ validUntil: '2026-03-31' }, now)).toBe(true);
    expect(needsRefresh({ validUntil: '2026-04-01' }, now)).toBe(false);
  });

  it('never takes documents without an end of validity', () => {
    expect(needsRefresh({ validUntil: undefined }, now)).toBe(false);
  });

  it('replaces the wallet’s version only with a later publication of the same type', () => {
    expect(isNewerVersion(summary(), version())).toBe(true);
    expect(isNewerVersion(summary(), version({ publishedAt: summary().updatedAt }))).toBe(false);
    expect(isNewerVersion(summary(), version({ publishedAt: '2025-12-31T00:00:00.000Z' }))).toBe(false);
    expect(isNewerVersion(summary(), version({ type: 'internal-passport' }))).toBe(false);
    expect(isNewerVersion(summary(), undefined)).toBe(false);
  });
});

describe('refreshDueDocuments', () => {
  function harness(due: WalletDocumentSummary[], registry: Map<string, RegistryVersion>) {
    const written: WalletDocument[] = [];
    const notes: Notification[] = [];
    const deps = {
      due: {
        async listDueBy(date: string, page: { limit: number; cursor?: string }) {
          // Two pages, to exercise the cursor.
          const start = page.cursor ? Number(page.cursor) : 0;
          const items = due.filter((d) => (d.validUntil ?? '9999') <= date).slice(start, start + 1);
          const more = start + 1 < due.length;
          return { items, nextCursor: more ? String(start + 1) : undefined };
        },
      },
      registry: { currentVersion: async (_c: string, docId: string) => registry.get(docId) },
      wallet: {
        putDocument: async (document: WalletDocument) => void written.push(document),
      } as never,
      notifications: { add: async (n: Notification) => void notes.push(n) } as never,
      newNotificationId: () => `ntf_${notes.length}`,
    };
    return { deps, written, notes };
  }

  it('puts the newer registry version in the wallet and notifies the citizen, once per document', async () => {
    const { deps, written, notes } = harness(
      [summary(), summary({ docId: 'doc_2', validUntil: '2026-03-10' })],
      new Map([['doc_1', version()]]),
    );
    expect(await refreshDueDocuments(deps, now)).toEqual({ checked: 2, refreshed: 1 });
    expect(written).toEqual([
      expect.objectContaining({
        docId: 'doc_1',
        citizenId: 'cit_1',
        validUntil: '2035-03-18',
        data: { number: 'GA915307' },
        updatedAt: now.toISOString(),
      }),
    ]);
    expect(notes).toEqual([
      expect.objectContaining({
        citizenId: 'cit_1',
        kind: 'document.refreshed',
        docId: 'doc_1',
        validUntil: '2035-03-18',
      }),
    ]);
  });
});
