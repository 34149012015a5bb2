import { CompactEncrypt, importJWK } from 'jose';
import { installUint8ArrayToBase64 } from '../crypto/uint8array-base64';
import type { DocumentType } from '../documents/document-type';
import type { PartnerKey } from '../keys/partner-jwk';

// jose base64url-encodes the ciphertext through the native encoder when this is installed (10× faster).
installUint8ArrayToBase64();

// The package a partner receives (api.md § Package): compact JWE to the partner's registered key,
// ECDH-ES+A256KW (EC) or RSA-OAEP-256 (RSA), A256GCM, with the partner's kid.

export interface PackageDocument {
  type: DocumentType;
  copyId: string;
  data: Record<string, unknown>;
  /** Set on an extract: `data`, the PDF and its QR hold only these fields. */
  extract?: true;
  fields?: string[];
  pdf: string;
  pdfSha256: string;
}

export interface PackagePlaintext {
  requestId: string;
  partnerId: string;
  branchId: string;
  offerId: string;
  generatedAt: string;
  documents: PackageDocument[];
  /** Offered document types the citizen does not hold. */
  missing: DocumentType[];
}

export async function encryptPackage(plaintext: PackagePlaintext, key: PartnerKey): Promise<string> {
  const publicKey = await importJWK(key.jwk, key.alg);
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(plaintext)))
    .setProtectedHeader({ alg: key.alg, enc: 'A256GCM', kid: key.kid, cty: 'application/json' })
    .encrypt(publicKey);
}
