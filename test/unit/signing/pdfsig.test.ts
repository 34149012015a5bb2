import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPem } from '../../../functions/core/signing/certificates';
import { verifyPdfSignature } from '../../../functions/core/signing/verify-pdf';
import { nssDbTrusting, runTool, toolsAvailable } from '../../support/external-tools';
import { createSigningSetup, renderSignedSample, type SigningSetup } from '../copies/support/sample-copy';

// Poppler's pdfsig checks the signature with NSS, independently of our verifier. It exits 0 even on a
// digest mismatch, so its report is parsed.
describe.skipIf(!toolsAvailable('pdfsig', 'certutil'))('pdfsig (poppler + NSS) on a signed copy', () => {
  let dir: string;
  let nssDb: string;
  let setup: SigningSetup;
  let signed: Uint8Array;

  const pdfsig = async (pdf: Uint8Array, name: string, trustRoot = false) => {
    const file = join(dir, name);
    await writeFile(file, pdf);
    const { stdout, stderr } = await runTool('pdfsig', trustRoot ? ['-nssdir', nssDb, file] : [file]);
    return stdout + stderr;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docshare-pdfsig-'));
    setup = await createSigningSetup();
    ({ signed } = await renderSignedSample(setup));
    nssDb = await nssDbTrusting(dir, toPem(setup.chain.rootCertDer));
  }, 30_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports the signature valid over the whole document', async () => {
    const report = await pdfsig(signed, 'copy.pdf');
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signer Certificate Common Name: docshare copy signing');
  });

  it('trusts the signing certificate once the docshare root is in the NSS database', async () => {
    const report = await pdfsig(signed, 'trusted.pdf', true);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Certificate is Trusted.');
  });

  it('reports a digest mismatch when one signed byte changed, as our verifier does', async () => {
    const tampered = new Uint8Array(signed);
    tampered[11] = tampered[11]! ^ 0x01;
    const report = await pdfsig(tampered, 'tampered.pdf', true);
    expect(report).not.toContain('Signature is Valid.');
    expect(report).toMatch(/Digest Mismatch|Signature is Invalid/);
    const ours = await verifyPdfSignature(tampered, { rootCertDer: setup.chain.rootCertDer });
    expect(ours.signature === 'invalid' || ours.modified).toBe(true);
  });

  it('no longer reports the whole document signed when bytes follow %%EOF', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% appended after signing\n')]);
    const report = await pdfsig(appended, 'appended.pdf', true);
    expect(report).not.toContain('Total document signed');
    const ours = await verifyPdfSignature(appended, { rootCertDer: setup.chain.rootCertDer });
    expect(ours.modified).toBe(true);
  });
});
