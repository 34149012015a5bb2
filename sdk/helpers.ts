import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  compactDecrypt,
  decodeProtectedHeader,
  importJWK,
  type JWK,
  type ProtectedHeaderParameters,
} from 'jose';

// What the OpenAPI document cannot say, for partners: checking a webhook's signature, decrypting a
// package (a compact JWE), and checking each PDF against its pdfSha256. Node built-ins and `jose`.

export interface PackageDocument {
  type: string;
  copyId: string;
  data: Record<string, unknown>;
  /** Base64 of the signed PDF. */
  pdf: string;
  /** Hex SHA-256 of the PDF bytes. */
  pdfSha256: string;
}

export interface DocsharePackage {
  requestId: string;
  partnerId: string;
  branchId: string;
  offerId: string;
  generatedAt: string;
  documents: PackageDocument[];
  /** Offered document types the citizen does not hold. */
  missing?: string[];
}

/**
 * Checks `Docshare-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` over the
 * raw body exactly as received (not re-serialized JSON), in constant time, refusing stale timestamps.
 */
export function verifyWebhookSignature(
  secret: string,
  rawBody: string | Buffer,
  header: string | undefined,
  nowSeconds = Date.now() / 1000,
  toleranceSeconds = 300,
): boolean {
  if (!header) return false;
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't') timestamp = value;
    if (key === 'v1' && value) signatures.push(value);
  }
  if (!timestamp || !/^\d+$/.test(timestamp) || signatures.length === 0) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest();
  return signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const KEY_ALGORITHMS = { EC: 'ECDH-ES+A256KW', RSA: 'RSA-OAEP-256' } as const;

/**
 * Decrypts a package with the partner's private JWK(s). With several keys (during a key rotation) the
 * one whose `kid` matches the JWE header is used. Then checks every PDF against its `pdfSha256`.
 */
export async function decryptPackage(
  jwe: string,
  privateJwks: JWK | JWK[],
): Promise<{ header: ProtectedHeaderParameters; pkg: DocsharePackage }> {
  const keys = Array.isArray(privateJwks) ? privateJwks : [privateJwks];
  const { kid } = decodeProtectedHeader(jwe);
  const jwk = keys.find((key) => key.kid === kid) ?? (keys.length === 1 ? keys[0] : undefined);
  if (!jwk) throw new Error(`No private key with kid ${String(kid)}`);
  const alg = KEY_ALGORITHMS[jwk.kty as keyof typeof KEY_ALGORITHMS];
  if (!alg) throw new Error(`Unsupported key type ${String(jwk.kty)}`);
  const key = await importJWK(jwk, alg);
  const { plaintext, protectedHeader } = await compactDecrypt(jwe, key, {
    keyManagementAlgorithms: [alg],
    contentEncryptionAlgorithms: ['A256GCM'],
  });
  const pkg = JSON.parse(new TextDecoder().decode(plaintext)) as DocsharePackage;
  checkPdfHashes(pkg);
  return { header: protectedHeader, pkg };
}

/** Throws when a document's PDF does not match its pdfSha256; returns the PDFs' bytes. */
export function checkPdfHashes(pkg: DocsharePackage): Buffer[] {
  return pkg.documents.map((document) => {
    const pdf = Buffer.from(document.pdf, 'base64');
    const actual = createHash('sha256').update(pdf).digest();
    const expected = Buffer.from(document.pdfSha256, 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(actual, expected)) {
      throw new Error(`The PDF of copy ${document.copyId} does not match its pdfSha256`);
    }
    return pdf;
  });
}
