import { lookup } from 'node:dns/promises';
import type { ResolveHost } from '../../core/partners/callback-url';

// The system resolver, as a delivery would use it. A name that does not resolve (yet) yields no
// addresses; other resolver failures propagate.
const UNRESOLVED = new Set(['ENOTFOUND', 'ENODATA', 'EAI_AGAIN', 'ESERVFAIL']);

export const resolveHost: ResolveHost = async (host) => {
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch (error) {
    if (UNRESOLVED.has((error as NodeJS.ErrnoException).code ?? '')) return [];
    throw error;
  }
};
