// ECDSA P-256 signatures come from KMS as DER `SEQUENCE { r INTEGER, s INTEGER }` (what CMS wants);
// JWS and COSE want the raw 64-byte r||s. Convert only where a format needs it.

export function derToRawEcdsa(der: Uint8Array, size = 32): Uint8Array {
  let offset = 0;
  if (der[offset++] !== 0x30) throw new Error('Not a DER ECDSA signature');
  offset += der[offset]! & 0x80 ? (der[offset]! & 0x7f) + 1 : 1;
  const raw = new Uint8Array(size * 2);
  for (let part = 0; part < 2; part++) {
    if (der[offset++] !== 0x02) throw new Error('Not a DER ECDSA signature');
    let length = der[offset++]!;
    let value = der.subarray(offset, offset + length);
    offset += length;
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    length = value.length;
    if (length > size) throw new Error('ECDSA integer too long');
    raw.set(value, part * size + (size - length));
  }
  return raw;
}
