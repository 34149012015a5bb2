import { createHash, randomUUID } from 'node:crypto';

/** A fresh copy id: a random (version 4) UUID, which the QR stores in 16 bytes. */
export function newCopyId(): string {
  return randomUUID();
}

/**
 * The copy id of one document in one request, the same on every call: a retried issuing task then
 * finds the copy it already made instead of making a second one. An RFC 9562 version 8 UUID built
 * from SHA-256 of the three ids (partner-chosen request ids are unique per partner only).
 */
export function copyIdFor(ids: { partnerId: string; requestId: string; docId: string }): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(['docshare-copy', ids.partnerId, ids.requestId, ids.docId]))
    .digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
