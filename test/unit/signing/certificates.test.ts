import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createRootCertificate,
  createSigningCertificate,
  fromPem,
  toPem,
} from '../../../functions/core/signing/certificates';
import { OID } from '../../../functions/core/signing/oids';
import { MemorySigner } from './support/memory-signer';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

function extension(der: Uint8Array, oid: string): pkijs.Extension | undefined {
  return pkijs.Certificate.fromBER(der).extensions?.find((e) => e.extnID === oid);
}

describe('docshare certificates signed through a DigestSigner', () => {
  const now = new Date('2025-03-14T09:00:00Z');
  let rootSigner: MemorySigner;
  let copySigner: MemorySigner;
  let rootDer: Uint8Array;
  let leafDer: Uint8Array;

  beforeAll(async () => {
    rootSigner = new MemorySigner();
    copySigner = new MemorySigner();
    rootDer = await createRootCertificate(rootSigner, { now });
    leafDer = await createSigningCertificate(rootSigner, rootDer, await copySigner.publicKeySpki(), { now });
  });

  it('makes a self-signed root CA valid for 10 years', () => {
    const root = new X509Certificate(rootDer);
    expect(root.subject).toBe('O=docshare\nCN=docshare Root CA');
    expect(root.issuer).toBe(root.subject);
    expect(root.ca).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    const years = (Date.parse(root.validTo) - now.getTime()) / YEAR_MS;
    expect(years).toBeCloseTo(10, 1);
  });

  it('marks the root CA critical CA:true with keyCertSign and cRLSign only', () => {
    const basic = extension(rootDer, OID.basicConstraints)!;
    expect(basic.critical).toBe(true);
    expect((basic.parsedValue as pkijs.BasicConstraints).cA).toBe(true);
    const usage = extension(rootDer, OID.keyUsage)!;
    expect(usage.critical).toBe(true);
    // keyCertSign is bit 5, cRLSign bit 6: 0b0000_0110 with one unused bit.
    expect([
      ...(usage.parsedValue as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView,
    ]).toEqual([0x06]);
  });

  it('issues the signing certificate for the signer key from the root, valid for 3 years', async () => {
    const leaf = new X509Certificate(leafDer);
    const root = new X509Certificate(rootDer);
    expect(leaf.subject).toBe('O=docshare\nCN=docshare copy signing');
    expect(leaf.checkIssued(root)).toBe(true);
    expect(leaf.verify(root.publicKey)).toBe(true);
    expect(leaf.ca).toBe(false);
    const spki = new Uint8Array(leaf.publicKey.export({ type: 'spki', format: 'der' }));
    expect(spki).toEqual(await copySigner.publicKeySpki());
    expect((Date.parse(leaf.validTo) - now.getTime()) / YEAR_MS).toBeCloseTo(3, 1);
  });

  it('gives the signing certificate digitalSignature + nonRepudiation and no extended key usage', () => {
    const usage = extension(leafDer, OID.keyUsage)!;
    expect(usage.critical).toBe(true);
    expect([
      ...(usage.parsedValue as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView,
    ]).toEqual([0xc0]);
    expect(extension(leafDer, '2.5.29.37')).toBeUndefined();
  });

  it('links the signing certificate to the root by authority and subject key identifiers', () => {
    const rootKeyId = extension(rootDer, OID.subjectKeyIdentifier)!.parsedValue as {
      valueBlock: { valueHexView: Uint8Array };
    };
    const aki = extension(leafDer, OID.authorityKeyIdentifier)!.parsedValue as pkijs.AuthorityKeyIdentifier;
    expect(aki.keyIdentifier!.valueBlock.valueHexView).toEqual(rootKeyId.valueBlock.valueHexView);
    expect(extension(leafDer, OID.subjectKeyIdentifier)).toBeDefined();
  });

  it('gives every certificate a fresh random positive serial', async () => {
    const again = await createRootCertificate(rootSigner, { now });
    const serial = (der: Uint8Array) => new X509Certificate(der).serialNumber;
    expect(serial(again)).not.toBe(serial(rootDer));
    expect(serial(rootDer)).toMatch(/^[0-7][0-9A-F]{31}$/);
  });

  it('refuses to issue with a signer that does not hold the root key', async () => {
    await expect(
      createSigningCertificate(new MemorySigner(), rootDer, await copySigner.publicKeySpki()),
    ).rejects.toThrow(/root signer/);
  });

  it('round-trips DER through PEM with 64-character lines', () => {
    const pem = toPem(rootDer);
    expect(pem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/,
    );
    expect(fromPem(pem)).toEqual(rootDer);
    expect(new X509Certificate(pem).fingerprint256).toBe(new X509Certificate(rootDer).fingerprint256);
  });

  it('reads only the first certificate of a chain file, whatever the lengths of the blocks', () => {
    // Unpadded base64 (DER length a multiple of 3) would otherwise run into the next block.
    for (const length of [300, 301, 302]) {
      const first = new Uint8Array(length).fill(7);
      const chain = toPem(first) + toPem(rootDer);
      expect(fromPem(chain)).toEqual(first);
    }
    expect(() => fromPem('no armour here')).toThrow(/No PEM block/);
  });
});
