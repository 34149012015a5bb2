import { fromBER, type Sequence } from 'asn1js';

// The few fields of an X.509 certificate that signing and pinning need, read with asn1js alone:
// pkijs's Certificate model would bring ~300 KB into every bundle that signs a copy (issue 17).

export interface CertificateFields {
  /** DER of the serialNumber INTEGER. */
  serialNumber: Uint8Array;
  /** DER of the issuer Name. */
  issuer: Uint8Array;
  /** DER of the subjectPublicKeyInfo. */
  subjectPublicKeyInfo: Uint8Array;
}

export function certificateFields(certificateDer: Uint8Array): CertificateFields {
  const { result, offset } = fromBER(certificateDer);
  const tbs = offset === -1 ? undefined : (result as Sequence).valueBlock.value?.[0];
  const items = (tbs as Sequence | undefined)?.valueBlock?.value;
  if (!items) throw new Error('Not an X.509 certificate');
  // TBSCertificate: [0] EXPLICIT version (absent for v1), serialNumber, signature, issuer, validity,
  // subject, subjectPublicKeyInfo, … (RFC 5280 §4.1).
  const first = items[0]!.idBlock;
  const fields = first.tagClass === 3 && first.tagNumber === 0 ? items.slice(1) : items;
  const [serialNumber, , issuer, , , subjectPublicKeyInfo] = fields;
  if (!serialNumber || !issuer || !subjectPublicKeyInfo) throw new Error('Not an X.509 certificate');
  const der = (block: typeof serialNumber) => new Uint8Array(block.valueBeforeDecodeView);
  return {
    serialNumber: der(serialNumber),
    issuer: der(issuer),
    subjectPublicKeyInfo: der(subjectPublicKeyInfo),
  };
}

/** The public key a certificate certifies (DER SubjectPublicKeyInfo). */
export function certifiedSpki(certificateDer: Uint8Array): Uint8Array {
  return certificateFields(certificateDer).subjectPublicKeyInfo;
}
