// Minimal DER writer (X.690) for the few fixed structures signing emits on every copy. pkijs/asn1js
// take ~11 ms to encode one CMS (each embedded certificate is re-parsed); concatenating bytes takes µs.

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
