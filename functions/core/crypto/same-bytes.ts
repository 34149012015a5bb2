/** Whether two byte arrays hold the same bytes. Not constant-time: for public values (digests, DER). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
