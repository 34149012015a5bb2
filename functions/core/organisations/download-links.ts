import { Gone, NotFound } from '../errors';
import { hashToken, newOneTimeToken } from './ids';

// handler / flow task --> (createDownloadLink / openDownloadLink) --> DownloadLinkStore
// When copies are too large for one e-mail, the branch gets a link instead: single use, expiring,
// and only the token's hash is stored. Opening it hands out a short-lived URL of the ZIP.

export const DOWNLOAD_LINK_LIFETIME_SECONDS = 24 * 60 * 60;

export interface DownloadLink {
  orgId: string;
  requestId: string;
  /** The ZIP of the copies in the bucket (downloads/…). */
  objectKey: string;
  expiresAt: string;
  usedAt?: string;
}

export interface DownloadLinkStore {
  putDownloadLink(tokenHash: string, link: DownloadLink): Promise<void>;
  /** The link without using it; undefined when unknown. */
  getDownloadLink(tokenHash: string): Promise<DownloadLink | undefined>;
  /** Uses the link up (conditional); undefined when unknown. */
  useDownloadLink(
    tokenHash: string,
    now: Date,
  ): Promise<{ outcome: 'used' | 'already_used' | 'expired'; link: DownloadLink } | undefined>;
}

export const downloadUrl = (publicBaseUrl: string, token: string) =>
  `${publicBaseUrl.replace(/\/+$/, '')}/v1/qr/downloads/${token}`;

export async function createDownloadLink(
  store: DownloadLinkStore,
  link: Omit<DownloadLink, 'expiresAt' | 'usedAt'>,
  now = new Date(),
) {
  const token = newOneTimeToken();
  const expiresAt = new Date(now.getTime() + DOWNLOAD_LINK_LIFETIME_SECONDS * 1000).toISOString();
  await store.putDownloadLink(hashToken(token), { ...link, expiresAt });
  return { token, expiresAt };
}

/**
 * What GET shows: the link, still unused. Mail scanners and link previews follow every link in a
 * message; only the POST of the page's button uses it up, so a scanner cannot spend it.
 */
export async function peekDownloadLink(store: DownloadLinkStore, token: string, now = new Date()) {
  const link = await store.getDownloadLink(hashToken(token));
  if (!link) throw new NotFound('download link');
  if (link.usedAt) throw new Gone('This download link was already used');
  if (Date.parse(link.expiresAt) <= now.getTime()) throw new Gone('This download link has expired');
  return link;
}

/** Unknown → 404; used already or expired → 410; otherwise the link, now used up. */
export async function openDownloadLink(store: DownloadLinkStore, token: string, now = new Date()) {
  const found = await store.useDownloadLink(hashToken(token), now);
  if (!found) throw new NotFound('download link');
  if (found.outcome === 'already_used') throw new Gone('This download link was already used');
  if (found.outcome === 'expired') throw new Gone('This download link has expired');
  return found.link;
}
