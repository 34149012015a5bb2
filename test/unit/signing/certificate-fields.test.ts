import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { certificateFields, certifiedSpki } from '../../../functions/core/signing/certificate-fields';
import {
  createRootCertificate,
  createSigningCertificate,
} from '../../../functions/core/signing/certificates';
import { MemorySigner } from './support/memory-signer';

// The fields signing and pinning read without pkijs, checked against pkijs's own reading of the
// same certificates.
describe('certificate fields', () => {
  it('reads serial number, issuer and public key as pkijs does', async () => {
    const root = new MemorySigner();
    const signing = new MemorySigner();
    const now = new Date('2026-12-04T12:00:00Z');
    const rootDer = await createRootCertificate(root, { now });
    const signingDer = await createSigningCertificate(root, rootDer, await signing.publicKeySpki(), { now });
    for (const der of [rootDer, signingDer]) {
      const parsed = pkijs.Certificate.fromBER(der);
      expect(certificateFields(der)).toEqual({
        serialNumber: new Uint8Array(parsed.serialNumber.toBER()),
        issuer: new Uint8Array(parsed.issuer.toSchema().toBER()),
        subjectPublicKeyInfo: new Uint8Array(parsed.subjectPublicKeyInfo.toSchema().toBER()),
      });
    }
    expect(certifiedSpki(signingDer)).toEqual(new Uint8Array(await signing.publicKeySpki()));
  });

  it('refuses what is not a certificate', () => {
    expect(() => certificateFields(new Uint8Array([1, 2, 3]))).toThrow(/X.509/);
    expect(() => certificateFields(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(/X.509/);
  });
});
