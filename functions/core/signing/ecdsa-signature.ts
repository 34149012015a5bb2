// CMS and X.509 carry ECDSA signatures as DER SEQUENCE { r INTEGER, s INTEGER } (what KMS returns);
// COSE and JWS want the raw fixed-width r || s. Convert only at those edges.

const P256_SCALAR_BYTES = 32;

export class MalformedEcdsaSignature extends Error {
  constructor(detail: string) {
    super(`Malformed ECDSA signature: ${detail}`);
    this.name = 'MalformedEcdsaSignature';
  }
}

/** DER SEQUENCE { r, s } → raw r || s, each left-padded to `scalarBytes`. */
export function derToRawEcdsa(der: Uint8Array, scalarBytes = P256_SCALAR_BYTES): Uint8Array {
  let offset = 0;
  const expect = (condition: boolean, detail: string) => {
    if (!condition) throw new MalformedEcdsaSignature(detail);
  };
  expect(der[offset++] === 0x30, 'not a SEQUENCE');
  const sequenceLength = readLength();
  expect(offset + sequenceLength === der.length, 'SEQUENCE length does not match');
  const r = readInteger();
  const s = readInteger();
  expect(offset === der.length, 'trailing bytes');
  const raw = new Uint8Array(scalarBytes * 2);
  raw.set(r, scalarBytes - r.length);
  raw.set(s, scalarBytes * 2 - s.length);
  return raw;

  function readLength(): number {
    const first = der[offset++];
    expect(first !== undefined, 'truncated length');
    if (first! < 0x80) return first!;
    const octets = first! & 0x7f;
    expect(octets >= 1 && octets <= 2, 'unsupported length form');
    let length = 0;
    for (let i = 0; i < octets; i++) length = (length << 8) | (der[offset++] ?? 0);
    return length;
  }

  function readInteger(): Uint8Array {
    expect(der[offset++] === 0x02, 'not an INTEGER');
    const length = readLength();
    expect(length >= 1 && offset + length <= der.length, 'bad INTEGER length');
    let value = der.subarray(offset, offset + length);
    offset += length;
    while (value.length > 1 && value[0] === 0) value = value.subarray(1);
    expect(value.length <= scalarBytes, 'INTEGER wider than the curve');
    return value;
  }
}

/** Raw r || s → DER SEQUENCE { r, s } with minimal INTEGERs. */
export function rawToDerEcdsa(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new MalformedEcdsaSignature('odd raw length');
  const half = raw.length / 2;
  const r = derInteger(raw.subarray(0, half));
  const s = derInteger(raw.subarray(half));
  const body = new Uint8Array([...r, ...s]);
  return new Uint8Array([0x30, ...derLength(body.length), ...body]);
}

function derInteger(unsigned: Uint8Array): Uint8Array {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  const needsPad = (trimmed[0] ?? 0) & 0x80 ? 1 : 0;
  const out = new Uint8Array([
    0x02,
    ...derLength(trimmed.length + needsPad),
    ...new Uint8Array(needsPad),
    ...trimmed,
  ]);
  return out;
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  if (length < 0x100) return [0x81, length];
  return [0x82, length >> 8, length & 0xff];
}
