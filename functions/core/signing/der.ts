// Minimal DER writer and reader (X.690) for the few fixed structures signing emits and reads on every
// copy. pkijs/asn1js take ~11 ms to encode one CMS (each embedded certificate is re-parsed), where
// concatenating bytes takes µs; and reading three fields of a certificate with asn1js put 64 KB into
// the copy bundle, ~12 ms of every cold start, for what slicing a few elements does.

export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  objectIdentifier: 0x06,
  sequence: 0x30,
  set: 0x31,
  contextConstructed0: 0xa0,
} as const;

export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const header = [tag, ...encodeLength(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let offset = header.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const sequence = (...parts: Uint8Array[]) => tlv(TAG.sequence, ...parts);
export const octetString = (bytes: Uint8Array) => tlv(TAG.octetString, bytes);

/** SET OF with members in DER order: sorted by their encodings (X.690 §11.6). */
export function setOf(...members: Uint8Array[]): Uint8Array {
  return tlv(TAG.set, ...[...members].sort((a, b) => Buffer.compare(a, b)));
}

export function smallInteger(value: number): Uint8Array {
  if (value < 0 || value > 127) throw new RangeError('smallInteger holds 0..127');
  return tlv(TAG.integer, new Uint8Array([value]));
}

export function objectIdentifier(dotted: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const body: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const base128 = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      base128.unshift((value & 0x7f) | 0x80);
    }
    body.push(...base128);
  }
  return tlv(TAG.objectIdentifier, new Uint8Array(body));
}

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let value = length; value > 0; value = Math.floor(value / 256)) bytes.unshift(value & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** One DER element: where it starts, where its content starts, where it ends (exclusive). */
export interface DerElement {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** The element at `offset` (low tag numbers and definite lengths only, as DER requires of these). */
export function readElement(der: Uint8Array, offset = 0): DerElement {
  const tag = der[offset];
  let length = der[offset + 1];
  if (tag === undefined || length === undefined || (tag & 0x1f) === 0x1f) throw new RangeError('Bad DER');
  let contentStart = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || contentStart + bytes > der.length) throw new RangeError('Bad DER');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[contentStart++]!;
  }
  const end = contentStart + length;
  if (end > der.length) throw new RangeError('Bad DER');
  return { tag, start: offset, contentStart, end };
}

/** The elements inside a constructed element. */
export function childrenOf(der: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readElement(der, at);
    if (child.end > parent.end) throw new RangeError('Bad DER');
    children.push(child);
    at = child.end;
  }
  return children;
}
