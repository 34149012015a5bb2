import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCopyQr, trustedQrKey } from '../../../functions/core/qr/copy-qr';
import { fromPem } from '../../../functions/core/signing/certificates';
import { nssDbTrusting, runTool, toolsAvailable } from '../../support/external-tools';
import { scanQrFromPdf } from '../../support/scan-qr';
import { bootRuntime, callApi } from '../support/runtime';
import { approve, createBranchAndOffer, pulledPackage, submitShare } from '../support/sharing';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
interface PackageDocument {
  type: string;
  copyId: string;
  pdf: string;
  data: Record<string, unknown>;
}

// A copy as an outsider meets it: the partner pulls and decrypts a package, and then anyone checks the
// PDF (poppler's pdfsig with the published root in an NSS database), its QR (scanned from a rendering)
// and its status through the public verification API.
describe('signed copies delivered to a partner', () => {
  let runtime: Runtime;
  let dir: string;
  let passport: PackageDocument;
  let pdf: Buffer;
  let chainPem: string;

  beforeAll(async () => {
    runtime = await bootRuntime();
    dir = await mkdtemp(join(tmpdir(), 'docshare-copies-'));
    const target = await createBranchAndOffer(runtime, { documentTypes: ['internal-passport'] });
    const { requestId, answer } = await submitShare(runtime, target);
    expect(answer.status).toBe(202);
    expect((await approve(runtime, requestId)).status).toBe(200);
    const { payload } = await pulledPackage(runtime, requestId);
    passport = payload.documents[0];
    pdf = Buffer.from(passport.pdf, 'base64');
    const chain = await fetch(`${runtime.apiUrl}/.well-known/docshare/signing-chain.pem`);
    expect(chain.status).toBe(200);
    expect(chain.headers.get('content-type')).toBe('application/x-pem-file');
    chainPem = await chain.text();
  }, 90_000);

  afterAll(async () => {
    await runtime?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('publishes the chain: the copy-signing certificate, then the root', () => {
    const blocks = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    expect(blocks).toHaveLength(2);
  });

  it('is issued by the operator, once: issuing again answers the same published certificates', async () => {
    const issue = async () =>
      (await runtime.lambdas.invoke(runtime.local.adminFunctionName, { command: 'signing-chain.issue' })) as {
        ok: boolean;
        result: { signingCertSha256: string; rootCertSha256: string };
      };
    const first = await issue();
    expect(first.ok).toBe(true);
    expect(await issue()).toEqual(first);
    const [signing, root] = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    const sha = (pem: string) => createHash('sha256').update(fromPem(pem)).digest('hex');
    expect(first.result).toEqual({ signingCertSha256: sha(signing!), rootCertSha256: sha(root!) });
  });

  it('answers the copy status publicly, with names and no personal data', async () => {
    const status = await callApi(runtime, 'GET', `/v1/verify/copies/${passport.copyId}`);
    expect(status.status).toBe(200);
    expect(status.headers.get('cache-control')).toBe('no-store');
    expect(status.body).toEqual({
      status: 'valid',
      documentType: 'internal-passport',
      issuedTo: { partner: 'Демо-банк', branch: 'Відділення для тесту' },
      generatedAt: expect.any(String),
      extract: false,
    });
    expect(JSON.stringify(status.body)).not.toContain('Щербина');
  });

  it('verifies the PDF it issued, and reports a modified one', async () => {
    const ok = await callApi(runtime, 'POST', '/v1/verify', { rawBody: pdf, contentType: 'application/pdf' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ signature: 'valid', modified: false, copy: { status: 'valid' } });

    const appended = Buffer.concat([pdf, Buffer.from('\n% appended after signing\n')]);
    const changed = await callApi(runtime, 'POST', '/v1/verify', {
      rawBody: appended,
      contentType: 'application/pdf',
    });
    expect(changed.body).toMatchObject({ modified: true });

    const tampered = Buffer.from(pdf);
    tampered[20] = tampered[20]! ^ 0x01;
    const broken = await callApi(runtime, 'POST', '/v1/verify', {
      rawBody: tampered,
      contentType: 'application/pdf',
    });
    expect(broken.body).toMatchObject({ signature: 'invalid' });
  });

  it('refuses what is not a PDF, too large a body and hostile copy ids', async () => {
    const json = await callApi(runtime, 'POST', '/v1/verify', { body: { pdf: 'no' } });
    expect(json.status).toBe(415);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
    // 4 MiB is what a Lambda behind HTTP API can take once base64-encoded, and what OpenAPI says.
    type OpenApi = {
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { schema: { maxLength: number } }> } } }
      >;
    };
    const openapi = (await callApi<OpenApi>(runtime, 'GET', '/openapi.json')).body;
    const limit = openapi.paths['/v1/verify']!.post.requestBody.content['application/pdf']!.schema.maxLength;
    expect(limit).toBe(4 * 1024 * 1024);
    const pdfOf = (size: number) => {
      const bytes = new Uint8Array(size).fill(0x20);
      bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
      return bytes;
    };
    const atLimit = await callApi(runtime, 'POST', '/v1/verify', {
      rawBody: pdfOf(limit),
      contentType: 'application/pdf',
    });
    expect(atLimit.status).toBe(200);
    const over = await callApi(runtime, 'POST', '/v1/verify', {
      rawBody: pdfOf(limit + 1),
      contentType: 'application/pdf',
    });
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ code: 'payload_too_large' });
    // 5 MB: API Gateway takes it (10 MB), but Lambda cannot be invoked with it base64-encoded (6 MB).
    const huge = await callApi(runtime, 'POST', '/v1/verify', {
      rawBody: pdfOf(5_000_000),
      contentType: 'application/pdf',
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ message: 'Request Entity Too Large' });
    const unsigned = await callApi(runtime, 'POST', '/v1/verify', {
      rawBody: '%PDF-1.7\n%%EOF\n',
      contentType: 'application/pdf',
    });
    expect(unsigned.status).toBe(200);
    expect(unsigned.body).toMatchObject({ signature: 'missing' });
    expect((await callApi(runtime, 'GET', '/v1/verify/copies/..%2F..%2Fetc')).status).toBe(400);
    expect((await callApi(runtime, 'GET', '/v1/verify/copies/no-such-copy')).status).toBe(404);
    const badQr = await callApi(runtime, 'POST', '/v1/verify/qr', { body: { qr: 'DS1:NOT-BASE45' } });
    expect(badQr.status).toBe(400);
    expect(badQr.body).toMatchObject({ code: 'invalid_request' });
    const notDs1 = await callApi(runtime, 'POST', '/v1/verify/qr', { body: { qr: 'HC1:6BFOXN' } });
    expect(notDs1.status).toBe(400);
  });

  describe.skipIf(!toolsAvailable('pdfsig', 'certutil', 'pdftoppm'))('checked by independent tools', () => {
    it('is valid and trusted in poppler’s pdfsig once the published root is trusted', async () => {
      const root = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)![1]!;
      const nss = await nssDbTrusting(dir, root);
      await writeFile(join(dir, 'copy.pdf'), pdf);
      const { stdout, stderr } = await runTool('pdfsig', ['-nssdir', nss, join(dir, 'copy.pdf')]);
      const report = stdout + stderr;
      expect(report).toContain('Signature is Valid.');
      expect(report).toContain('Certificate is Trusted.');
      expect(report).toContain('Total document signed');
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    }, 30_000);

    it('carries a QR that scans from a 150 dpi rendering and verifies offline and through the API', async () => {
      const text = await scanQrFromPdf(pdf);
      expect(text?.startsWith('DS1:')).toBe(true);

      const signingCert = fromPem(chainPem);
      const offline = decodeCopyQr(text!, [trustedQrKey(signingCert)]);
      expect(offline.signatureValid).toBe(true);
      expect(offline.claims.copyId).toBe(passport.copyId);

      const online = await callApi(runtime, 'POST', '/v1/verify/qr', { body: { qr: text } });
      expect(online.status).toBe(200);
      expect(online.body).toMatchObject({ signature: 'valid', copy: { status: 'valid' } });
      // What the verifier compares with the paper and the person, signed in the QR (issue 16.11).
      expect(online.body.holder).toEqual({
        holderName: 'Shcherbyna Yuliia',
        birthDate: '1990-03-14',
        numberEnd: '7265',
      });
    }, 30_000);
  });
});
