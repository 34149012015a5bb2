// Base45, RFC 9285: two bytes become three characters of the QR alphanumeric alphabet,
// so a QR code can carry binary data in its dense alphanumeric mode.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE_OF = new Map([...ALPHABET].map((char, index) => [char, index]));

export class InvalidBase45 extends Error {
  constructor(detail: string) {
    super(`Invalid Base45: ${detail}`);
    this.name = 'InvalidBase45';
  }
}

export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += ALPHABET[c]! + ALPHABET[d]! + ALPHABET[e]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new InvalidBase45('length leaves a single character');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let written = 0;
  for (let i = 0; i < text.length; i += 3) {
    const c = valueAt(i);
    const d = valueAt(i + 1);
    if (i + 2 < text.length) {
      const n = c + d * 45 + valueAt(i + 2) * 45 * 45;
      if (n > 0xffff) throw new InvalidBase45(`triplet at ${i} exceeds 65535`);
      out[written++] = n >> 8;
      out[written++] = n & 0xff;
    } else {
      const n = c + d * 45;
      if (n > 0xff) throw new InvalidBase45(`final pair at ${i} exceeds 255`);
      out[written++] = n;
    }
  }
  return out;

  function valueAt(index: number): number {
    const value = VALUE_OF.get(text[index]!);
    if (value === undefined) throw new InvalidBase45(`character ${JSON.stringify(text[index])} at ${index}`);
    return value;
  }
}
