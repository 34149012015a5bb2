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

  it('refuses what is not a certificate: wrong shapes, truncated or hostile lengths', async () => {
    const root = new MemorySigner();
    const rootDer = new Uint8Array(
      await createRootCertificate(root, { now: new Date('2026-12-04T12:00:00Z') }),
    );
    for (const bytes of [
      [],
      [1, 2, 3],
      [0x30, 0x03, 0x02, 0x01, 0x01],
      [0x30, 0x80, 0x30, 0x00, 0x00, 0x00], // indefinite length (BER, not DER)
      [0x30, 0x85, 0xff, 0xff, 0xff, 0xff, 0xff], // a 5-byte length
      [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x30, 0x00], // longer than the input
      [0x30, 0x04, 0x30, 0x05, 0x02, 0x01], // a child that overruns its parent
      [...rootDer.subarray(0, rootDer.length / 2)],
    ]) {
      expect(() => certificateFields(new Uint8Array(bytes)), JSON.stringify(bytes.slice(0, 8))).toThrow(
        /X.509/,
      );
    }
  });
});
