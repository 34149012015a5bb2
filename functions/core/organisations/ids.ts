import { createHash, randomBytes, randomUUID } from 'node:crypto';

// Ids are opaque; qrCodes and one-time tokens are unguessable (128 and 256 random bits) and only
// their SHA-256 is stored where a token proves something (verification, download).

export const newOrgId = (prefix: 'org' | 'ob' | 'os') =>
  `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;

/** 22 base64url characters: the last path segment of a poster's URL. */
export const newQrCode = () => randomBytes(16).toString('base64url');

export const QR_CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const newOneTimeToken = () => randomBytes(32).toString('base64url');

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Addresses are compared case-insensitively (bounce notifications may change the case). */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();
