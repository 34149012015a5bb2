import { deflateSync } from 'node:zlib';
import * as asn1js from 'asn1js';
import { PDFDocument } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { OID } from '../../../functions/core/signing/oids';
import { PdfAlreadySigned, signPdf } from '../../../functions/core/signing/sign-pdf';
import { verifyPdfSignature } from '../../../functions/core/signing/verify-pdf';
import { createSigningSetup, renderSignedSample, type SigningSetup } from '../copies/support/sample-copy';

const latin1 = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');

function cmsOf(pdf: Uint8Array): pkijs.SignedData {
  const hex = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(latin1(pdf))![1]!;
  const parsed = asn1js.fromBER(Buffer.from(hex, 'hex'));
  return new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: parsed.result }).content });
}

/** The signed PDF with its /Contents replaced by `cms` (zero-padded, as signers pad the placeholder). */
function withCms(pdf: Uint8Array, cms: ArrayBuffer | Uint8Array): Uint8Array {
  const text = latin1(pdf);
  const [whole, hex] = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(text)!;
  const replacement = Buffer.from(cms instanceof Uint8Array ? cms : new Uint8Array(cms))
    .toString('hex')
    .padEnd(hex!.length, '0');
  expect(replacement.length).toBe(hex!.length);
  return Buffer.from(text.replace(whole, whole.replace(hex!, replacement)), 'latin1');
}

const signedDataInfo = (signedData: pkijs.SignedData) =>
  new pkijs.ContentInfo({ contentType: OID.cmsSignedData, content: signedData.toSchema(true) })
    .toSchema()
    .toBER();

describe('PAdES signature of a copy', () => {
  let setup: SigningSetup;
  let signed: Uint8Array;
  let unsigned: Uint8Array;

  beforeAll(async () => {
    setup = await createSigningSetup();
    ({ signed, unsigned } = await renderSignedSample(setup));
  });

  it('verifies as valid, unmodified, with the copyId from the document info', async () => {
    const result = await verifyPdfSignature(signed, { rootCertDer: setup.chain.rootCertDer });
    expect(result).toMatchObject({
      signature: 'valid',
      modified: false,
      copyId: '0f8e2c4a-6b1d-4e3f-9a27-5c8d1e0b7f64',
    });
    expect(result.signingCertDer).toEqual(setup.chain.signingCertDer);
  });

  it('covers the whole file except the /Contents hex string', () => {
    const text = latin1(signed);
    const [, a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text)!.map(Number);
    expect(a).toBe(0);
    expect(c! + d!).toBe(signed.length);
    expect(text.slice(b!, c!)).toMatch(/^<[0-9a-f]+>$/);
  });

  it('writes an ETSI.CAdES.detached dictionary with ASCII-only text and the signing time in M', () => {
    const text = latin1(signed);
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(text).toContain('/M (D:20250314092653Z)');
    expect(text).toContain('/Name (docshare)');
    expect(text).toContain('/Reason (docshare copy 0f8e2c4a-6b1d-4e3f-9a27-5c8d1e0b7f64)');
  });

  it('embeds a detached CMS with contentType, messageDigest and signingCertificateV2 but no signingTime', () => {
    const cms = cmsOf(signed);
    expect(cms.encapContentInfo.eContent).toBeUndefined();
    const types = cms.signerInfos[0]!.signedAttrs!.attributes.map((a) => a.type);
    expect(types.sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    expect(types).not.toContain(OID.signingTime);
    expect(cms.signerInfos[0]!.signatureAlgorithm.algorithmId).toBe(OID.ecdsaWithSha256);
  });

  it('carries the signing certificate and the root CA, in that order', () => {
    const certificates = (cmsOf(signed).certificates ?? []) as pkijs.Certificate[];
    const ders = certificates.map((c) => new Uint8Array(c.toSchema().toBER()));
    expect(ders).toEqual([setup.chain.signingCertDer, setup.chain.rootCertDer]);
  });

  it('reports a signature as invalid when one signed byte changed', async () => {
    const tampered = new Uint8Array(signed);
    tampered[11] = tampered[11]! ^ 0x01; // inside the header comment: still a well-formed PDF
    const result = await verifyPdfSignature(tampered, { rootCertDer: setup.chain.rootCertDer });
    expect(result.signature).toBe('invalid');
    expect(result.problem).toBe('digest mismatch');
  });

  it('reports bytes appended after %%EOF as a modification', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n1 0 obj\n(appended)\nendobj\n%%EOF\n')]);
    const result = await verifyPdfSignature(appended, { rootCertDer: setup.chain.rootCertDer });
    expect(result.modified).toBe(true);
    expect(result.signature).toBe('valid'); // the signed revision itself is intact
  });

  it('reports a signature as invalid when it does not chain to the trusted root', async () => {
    const other = await createSigningSetup();
    const result = await verifyPdfSignature(signed, { rootCertDer: other.chain.rootCertDer });
    expect(result.signature).toBe('invalid');
    expect(result.problem).toMatch(/root/);
  });

  it('reports a signature made by another key under the same certificate as invalid', async () => {
    const other = await createSigningSetup();
    const forged = await signPdf(unsigned, other.copySigner, setup.chain);
    const result = await verifyPdfSignature(forged, { rootCertDer: setup.chain.rootCertDer });
    expect(result).toMatchObject({ signature: 'invalid', problem: 'CMS signature does not verify' });
  });

  it('reports a CMS that is not SignedData, lacks its certificate or names its signer by key id as invalid', async () => {
    const trust = { rootCertDer: setup.chain.rootCertDer };
    const notSignedData = new pkijs.ContentInfo({
      contentType: '1.2.840.113549.1.7.1',
      content: cmsOf(signed).toSchema(true),
    });
    expect(await verifyPdfSignature(withCms(signed, notSignedData.toSchema().toBER()), trust)).toMatchObject({
      signature: 'invalid',
      problem: 'CMS is not SignedData',
    });

    const withoutCertificates = cmsOf(signed);
    withoutCertificates.certificates = undefined;
    expect(
      await verifyPdfSignature(withCms(signed, signedDataInfo(withoutCertificates)), trust),
    ).toMatchObject({
      signature: 'invalid',
      problem: 'signing certificate not embedded',
    });

    const byKeyId = cmsOf(signed);
    byKeyId.signerInfos[0]!.sid = new asn1js.Primitive({
      idBlock: { tagClass: 3, tagNumber: 0 },
      valueHex: new Uint8Array(20).fill(7).buffer,
    });
    expect(await verifyPdfSignature(withCms(signed, signedDataInfo(byKeyId)), trust)).toMatchObject({
      signature: 'invalid',
      problem: 'signer not named by issuer and serial',
    });

    // The same CMS re-encoded unchanged still verifies: the rewriting above is not what failed them.
    expect(await verifyPdfSignature(withCms(signed, signedDataInfo(cmsOf(signed))), trust)).toMatchObject({
      signature: 'valid',
    });
  });

  it('reads only DER: the same CMS with an indefinite length, cut short or overrunning is invalid, never a crash', async () => {
    const trust = { rootCertDer: setup.chain.rootCertDer };
    const der = new Uint8Array(signedDataInfo(cmsOf(signed)));
    // The outer SEQUENCE re-encoded as BER, indefinite length (0x80) and end-of-contents octets.
    const header = 2 + (der[1]! & 0x80 ? der[1]! & 0x7f : 0);
    const ber = Buffer.concat([Buffer.from([0x30, 0x80]), der.subarray(header), Buffer.from([0, 0])]);
    expect(await verifyPdfSignature(withCms(signed, ber), trust)).toMatchObject({
      signature: 'invalid',
      problem: 'CMS is not DER',
    });
    // Half of it (the rest zeros): the outer length now runs past what is there, or inner ones do.
    const half = der.slice(0, Math.floor(der.length / 2));
    expect(await verifyPdfSignature(withCms(signed, half), trust)).toMatchObject({ signature: 'invalid' });
    // An inner element (the SignedData's [0]) claiming more bytes than its parent holds.
    const overrun = der.slice();
    const inner = header + overrun.subarray(header).indexOf(0xa0);
    overrun[inner + 1] = 0x84; // four length bytes follow: 0x30 0x82 … read as a huge length
    const result = await verifyPdfSignature(withCms(signed, overrun), trust);
    expect(result.signature).toBe('invalid');
    expect(result.copyId).toBeUndefined();
  });

  it('reports an unsigned copy, a plain PDF and garbage as missing a signature', async () => {
    const trust = { rootCertDer: setup.chain.rootCertDer };
    // Unsigned: not parsed at all, so not even the copy id it claims is read (issue 16.19).
    expect(await verifyPdfSignature(unsigned, trust)).toEqual({ signature: 'missing', modified: false });
    const plain = await PDFDocument.create();
    plain.addPage();
    expect(await verifyPdfSignature(await plain.save(), trust)).toMatchObject({ signature: 'missing' });
    for (const garbage of [
      new Uint8Array(0),
      new Uint8Array([1, 2, 3]),
      Buffer.from('%PDF-1.7 /ByteRange [0 1 2'),
    ]) {
      expect((await verifyPdfSignature(garbage, trust)).signature).toBe('missing');
    }
  });

  it('never hands an unsigned or badly signed upload to the PDF parser: a decompression bomb is answered at once', async () => {
    // 64 MiB of zeros in an object stream, ~64 KB deflated: a parser that inflates it allocates it all.
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const pdf = (signature: string) =>
      Buffer.concat([
        Buffer.from(
          `%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 100000 /First 10 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
        ),
        bomb,
        Buffer.from(`\nendstream\nendobj\n${signature}trailer\n<< /Root 1 0 R >>\n%%EOF\n`),
      ]);
    const trust = { rootCertDer: setup.chain.rootCertDer };
    const unsignedBomb = pdf('');
    const parse = vi.spyOn(PDFDocument, 'load');
    expect(await verifyPdfSignature(unsignedBomb, trust)).toEqual({ signature: 'missing', modified: false });
    // A well-formed ByteRange around a /Contents that is not a CMS, and around one too large to read.
    const signedBomb = (contents: string) => {
      const file = pdf(
        `2 0 obj\n<< /Type /Sig /ByteRange [0 AAAAAAAAAA BBBBBBBBBB CCCCCCCCCC] /Contents ${contents} >>\nendobj\n`,
      );
      const text = file.toString('latin1');
      const start = text.indexOf('/Contents <') + '/Contents '.length;
      const end = text.indexOf('>', start) + 1;
      const pad = (n: number) => String(n).padStart(10, '0');
      return Buffer.from(
        text
          .replace('AAAAAAAAAA', pad(start))
          .replace('BBBBBBBBBB', pad(end))
          .replace('CCCCCCCCCC', pad(file.length - end)),
        'latin1',
      );
    };
    expect(await verifyPdfSignature(signedBomb('<3082>'), trust)).toMatchObject({
      signature: 'invalid',
      problem: 'CMS is not DER',
    });
    expect(await verifyPdfSignature(signedBomb(`<${'00'.repeat(200_000)}>`), trust)).toMatchObject({
      signature: 'invalid',
      problem: 'signature larger than 64 KB',
    });
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it('adds a placeholder when signing a PDF that has none', async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    const pdf = await signPdf(await plain.save(), setup.copySigner, setup.chain, {
      signingTime: new Date('2025-01-02T03:04:05Z'),
    });
    const result = await verifyPdfSignature(pdf, { rootCertDer: setup.chain.rootCertDer });
    expect(result).toMatchObject({ signature: 'valid', modified: false });
    expect(latin1(pdf)).toContain('/M (D:20250102030405Z)');
  });

  it('refuses to sign a PDF twice', async () => {
    await expect(signPdf(signed, setup.copySigner, setup.chain)).rejects.toThrow(PdfAlreadySigned);
  });
});
