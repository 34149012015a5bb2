import { childrenOf, type DerElement, readElement, TAG } from './der';

// The few fields of an X.509 certificate that signing and pinning need, sliced out of its DER
// (der.ts says why not asn1js or pkijs).

export interface CertificateFields {
  /** DER of the serialNumber INTEGER. */
  serialNumber: Uint8Array;
  /** DER of the issuer Name. */
  issuer: Uint8Array;
  /** DER of the subjectPublicKeyInfo. */
  subjectPublicKeyInfo: Uint8Array;
}

export function certificateFields(certificateDer: Uint8Array): CertificateFields {
  let fields: DerElement[];
  try {
    const certificate = readElement(certificateDer);
    const tbs = certificate.tag === TAG.sequence ? childrenOf(certificateDer, certificate)[0] : undefined;
    if (tbs?.tag !== TAG.sequence) throw new Error();
    const items = childrenOf(certificateDer, tbs);
    // TBSCertificate: [0] EXPLICIT version (absent for v1), serialNumber, signature, issuer,
    // validity, subject, subjectPublicKeyInfo, … (RFC 5280 §4.1).
    fields = items[0]?.tag === TAG.contextConstructed0 ? items.slice(1) : items;
  } catch {
    throw new Error('Not an X.509 certificate');
  }
  const [serialNumber, , issuer, , , subjectPublicKeyInfo] = fields;
  if (
    serialNumber?.tag !== TAG.integer ||
    issuer?.tag !== TAG.sequence ||
    subjectPublicKeyInfo?.tag !== TAG.sequence
  )
    throw new Error('Not an X.509 certificate');
  const der = (element: DerElement) => certificateDer.slice(element.start, element.end);
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
