import { createHash } from 'node:crypto';
import { certificateFields } from './certificate-fields';
import { objectIdentifier, octetString, sequence, setOf, smallInteger, TAG, tlv } from './der';
import type { DigestSigner } from './digest-signer';
import { OID } from './oids';

export interface CertificateChain {
  /** The certificate of the DigestSigner's key. */
  signingCertDer: Uint8Array;
  /** The docshare root CA that issued it. */
  rootCertDer: Uint8Array;
}

/**
 * A detached CMS SignedData (RFC 5652) for PAdES B-B (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached):
 * signed attributes contentType, messageDigest and signingCertificateV2 — no signingTime, which that
 * profile forbids (the time lives in the signature dictionary's M); certificates = [signing, root].
 */
export async function buildCadesSignedData(
  contentSha256: Uint8Array,
  signer: DigestSigner,
  chain: CertificateChain,
): Promise<Uint8Array> {
  const prepared = prepareChain(chain);
  const messageDigest = sequence(objectIdentifier(OID.messageDigest), setOf(octetString(contentSha256)));
  // What is signed is the DER of the attributes as SET OF (tag 0x31), not the [0] IMPLICIT (0xA0)
  // form they take inside SignerInfo (RFC 5652 §5.4).
  const signedAttributes = setOf(
    prepared.contentTypeAttribute,
    messageDigest,
    prepared.signingCertificateAttribute,
  );
  const digest = createHash('sha256').update(signedAttributes).digest();
  // KMS returns DER SEQUENCE { r, s }, which is exactly what CMS carries for ECDSA.
  const signature = await signer.signDigest(digest);

  const signerInfo = sequence(
    smallInteger(1),
    prepared.issuerAndSerialNumber,
    ALGORITHM.sha256,
    tlv(TAG.contextConstructed0, signedAttributes.subarray(headerLength(signedAttributes))),
    ALGORITHM.ecdsaWithSha256,
    octetString(signature),
  );
  const signedData = sequence(
    smallInteger(1),
    setOf(ALGORITHM.sha256),
    sequence(objectIdentifier(OID.cmsData)),
    prepared.certificates,
    setOf(signerInfo),
  );
  return sequence(objectIdentifier(OID.cmsSignedData), tlv(TAG.contextConstructed0, signedData));
}

const ALGORITHM = {
  // RFC 5754: SHA-2 AlgorithmIdentifiers omit parameters; RFC 5758: so do ECDSA ones.
  sha256: sequence(objectIdentifier(OID.sha256)),
  ecdsaWithSha256: sequence(objectIdentifier(OID.ecdsaWithSha256)),
};

interface PreparedChain {
  issuerAndSerialNumber: Uint8Array;
  contentTypeAttribute: Uint8Array;
  signingCertificateAttribute: Uint8Array;
  certificates: Uint8Array;
}

// Everything but the digest and signature is the same for every copy signed with one chain.
const preparedChains = new Map<string, PreparedChain>();

function prepareChain(chain: CertificateChain): PreparedChain {
  const key = createHash('sha256').update(chain.signingCertDer).update(chain.rootCertDer).digest('hex');
  let prepared = preparedChains.get(key);
  if (!prepared) {
    if (preparedChains.size >= 8) preparedChains.clear();
    prepared = buildPreparedChain(chain);
    preparedChains.set(key, prepared);
  }
  return prepared;
}

function buildPreparedChain(chain: CertificateChain): PreparedChain {
  const { issuer, serialNumber } = certificateFields(chain.signingCertDer);
  const certHash = createHash('sha256').update(chain.signingCertDer).digest();
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035); ESSCertIDv2 omits the
  // DEFAULT sha256 hashAlgorithm and binds the hash to issuer (GeneralName directoryName [4]) and serial.
  const issuerSerial = sequence(sequence(tlv(0xa4, issuer)), serialNumber);
  const signingCertificateV2 = sequence(sequence(sequence(octetString(certHash), issuerSerial)));
  return {
    issuerAndSerialNumber: sequence(issuer, serialNumber),
    contentTypeAttribute: sequence(objectIdentifier(OID.contentType), setOf(objectIdentifier(OID.cmsData))),
    signingCertificateAttribute: sequence(
      objectIdentifier(OID.signingCertificateV2),
      setOf(signingCertificateV2),
    ),
    certificates: tlv(TAG.contextConstructed0, chain.signingCertDer, chain.rootCertDer),
  };
}

function headerLength(der: Uint8Array): number {
  const first = der[1]!;
  return first < 0x80 ? 2 : 2 + (first & 0x7f);
}
