import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '../../../functions/core/documents/document-type';
import { demoCitizens } from '../../../local/seed/citizens';
import { nssDbTrusting, runTool, toolsAvailable } from '../../support/external-tools';
import { bootRuntime, callApi } from '../support/runtime';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
interface IssuedCopy {
  copyId: string;
  documentType: string;
  pdfKey: string;
  pdfSha256: string;
}

const seededDocuments = demoCitizens.flatMap((citizen) =>
  citizen.documents.map((document) => ({ citizenId: citizen.citizenId, ...document })),
);

// The copy-issuing Lambda of the consent flow, invoked as Step Functions invokes it, for every seeded
// document: each copy is signed through the embedded KMS and checked by poppler and by POST /v1/verify.
describe('a signed copy of every document type', () => {
  let runtime: Runtime;
  let dir: string;
  const copies = new Map<string, { issued: IssuedCopy; pdf: Uint8Array }>();

  beforeAll(async () => {
    runtime = await bootRuntime();
    dir = await mkdtemp(join(tmpdir(), 'docshare-types-'));
    const issueCopy = runtime.lambdas.functionNames().find((name) => name.includes('CopiesIssueCopy'));
    if (!issueCopy)
      throw new Error(`No IssueCopy function among ${runtime.lambdas.functionNames().join(', ')}`);
    const s3 = new S3Client({
      endpoint: runtime.edgeUrl,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    const bucket = Buckets!.find((b) => b.Name!.startsWith('docshare-datacopies'))!.Name!;
    const { partnerId, branchId } = runtime.local.partner;
    for (const document of seededDocuments) {
      const issued = (await runtime.lambdas.invoke(issueCopy, {
        requestId: randomUUID(),
        partnerId,
        branchId,
        citizenId: document.citizenId,
        docId: document.docId,
        purpose: 'Перевірка всіх типів документів',
      })) as IssuedCopy;
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: issued.pdfKey }));
      copies.set(document.docId, { issued, pdf: await object.Body!.transformToByteArray() });
    }
  }, 180_000);

  afterAll(async () => {
    await runtime?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('covers all eight document types', () => {
    const types = new Set([...copies.values()].map((copy) => copy.issued.documentType));
    expect([...types].sort()).toEqual([...DOCUMENT_TYPES].sort());
  });

  it('stores each PDF under a key naming only the copy, and verifies each through the API', async () => {
    for (const [docId, { issued, pdf }] of copies) {
      expect(issued.pdfKey).toBe(`copies/${issued.copyId}.pdf`);
      expect(issued.pdfKey).not.toContain(docId);
      const answer = await callApi(runtime, 'POST', '/v1/verify', {
        rawBody: pdf,
        contentType: 'application/pdf',
      });
      expect(answer.body, docId).toMatchObject({
        signature: 'valid',
        modified: false,
        copy: { status: 'valid', documentType: issued.documentType },
      });
    }
  });

  describe.skipIf(!toolsAvailable('pdfsig', 'certutil', 'pdftotext'))('in poppler', () => {
    it('pdfsig reports every copy valid, whole-document and trusted under the published root', async () => {
      const pem = await (await fetch(`${runtime.apiUrl}/.well-known/docshare/signing-chain.pem`)).text();
      const root = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)![1]!;
      const nss = await nssDbTrusting(dir, root);

      for (const [docId, { pdf }] of copies) {
        const file = join(dir, `${docId}.pdf`);
        await writeFile(file, pdf);
        const { stdout, stderr } = await runTool('pdfsig', ['-nssdir', nss, file]);
        const report = stdout + stderr;
        expect(report, docId).toContain('Signature is Valid.');
        expect(report, docId).toContain('Total document signed');
        expect(report, docId).toContain('Certificate is Trusted.');
        const text = (await runTool('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
        expect(text, docId).toContain('Копія для Демо-банк');
        expect(text, docId).toContain('Перевірка всіх типів документів');
      }
    }, 60_000);
  });
});
