import { InvalidRequest } from './errors';

// Lists answer `{ items, nextCursor }`. A cursor is opaque to clients: the store's own position,
// encoded, and checked on the way back so that it can only continue the list it came from.

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a cursor and checks it continues the list identified by `scope` (e.g. the partition). */
export function decodeCursor(
  cursor: string,
  accepts: (position: Record<string, unknown>) => boolean,
): Record<string, unknown> {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  if (
    typeof position !== 'object' ||
    position === null ||
    Array.isArray(position) ||
    !accepts(position as never)
  ) {
    throw new InvalidRequest('The cursor is not valid for this list', [
      { path: 'query.cursor', message: 'invalid' },
    ]);
  }
  return position as Record<string, unknown>;
}

/** Every item of a paged list, page by page (lists that are small by nature: one citizen's). */
export async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Pages a list already in memory; the cursor is an offset bound to this list's name. */
export function pageInMemory<T>(items: T[], page: PageRequest, list: string): Page<T> {
  const offset = page.cursor
    ? Number(
        decodeCursor(
          page.cursor,
          (p) => p.list === list && Number.isInteger(p.offset) && (p.offset as number) >= 0,
        ).offset,
      )
    : 0;
  const slice = items.slice(offset, offset + page.limit);
  const next = offset + page.limit;
  return { items: slice, nextCursor: next < items.length ? encodeCursor({ list, offset: next }) : undefined };
}
