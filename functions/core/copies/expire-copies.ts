import type { Page, PageRequest } from '../pagination';

// job --> (expire copies) --> CopiesDue
//
// Copies past their expiry are marked `expired` on schedule, so that lists and exports read the
// status from the record (verification derives it from expiresAt as well, so a late run is harmless).

export interface DueCopy {
  copyId: string;
  expiresAt: string;
}

export interface CopiesDue {
  /** Copies still marked valid whose expiresAt is at or before `at`. */
  listExpiredBy(at: string, page: PageRequest): Promise<Page<DueCopy>>;
  /** Marks one expired; false when it was revoked or is gone (it then leaves the index all the same). */
  markExpired(copyId: string): Promise<boolean>;
}

export async function expireDueCopies(copies: CopiesDue, now = new Date()): Promise<{ expired: number }> {
  let expired = 0;
  const at = now.toISOString();
  let cursor: string | undefined;
  do {
    const page = await copies.listExpiredBy(at, { limit: 100, cursor });
    for (const copy of page.items) if (await copies.markExpired(copy.copyId)) expired += 1;
    cursor = page.nextCursor;
  } while (cursor);
  return { expired };
}
