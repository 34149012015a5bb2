import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '../../../functions/core/documents/document-type';
import { demoCitizens } from '../../../local/seed/citizens';
import { nssDbTrusting, runTool, toolsAvailable } from '../../support/external-tools';
import { bootRuntime, callApi } from '../support/runtime';
import { approve, createBranchAndOffer, pulledPackage, submitShare } from '../support/sharing';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
interface IssuedCopy {
  copyId: string;
  type: string;
  pdf: string;
}

// Every seeded document copied the way a partner gets it: one request per demo citizen for all the
// types they hold, approved, and the package pulled and decrypted; each copy is signed through the
// embedded KMS by the consent flow's IssueCopies task and checked by poppler and by POST /v1/verify.
describe('a signed copy of every document type', () => {
  let runtime: Runtime;
  let dir: string;
  const copies = new Map<string, { issued: IssuedCopy; pdf: Uint8Array }>();

  beforeAll(async () => {
    runtime = await bootRuntime();
    dir = await mkdtemp(join(tmpdir(), 'docshare-types-'));
    for (const citizen of demoCitizens) {
      const documentTypes = [...new Set(citizen.documents.map((document) => document.type))];
      const target = await createBranchAndOffer(runtime, {
        documentTypes,
        purpose: 'Перевірка всіх типів документів',
      });
      const { requestId, answer } = await submitShare(
        runtime,
        target,
        citizen.citizenId,
        citizen.documents[0]!.docId,
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(202);
      expect((await approve(runtime, requestId, citizen.citizenId)).status).toBe(200);
      const { payload } = await pulledPackage(runtime, requestId, 60_000);
      expect(payload.missing).toEqual([]);
      for (const issued of payload.documents as IssuedCopy[]) {
        copies.set(`${citizen.citizenId}-${issued.type}`, { issued, pdf: Buffer.from(issued.pdf, 'base64') });
      }
    }
  }, 180_000);

  afterAll(async () => {
    await runtime?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('covers all eight document types', () => {
    const types = new Set([...copies.values()].map((copy) => copy.issued.type));
    expect(copies.size).toBe(demoCitizens.flatMap((citizen) => citizen.documents).length);
    expect([...types].sort()).toEqual([...DOCUMENT_TYPES].sort());
  });

  it('stores each PDF under a key naming only the copy', async () => {
    const s3 = new S3Client({
      endpoint: runtime.edgeUrl,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    const bucket = Buckets!.find((b) => b.Name!.startsWith('docshare-datacopies'))!.Name!;
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'copies/' }));
    const keys = (listed.Contents ?? []).map((object) => object.Key);
    for (const { issued } of copies.values()) expect(keys).toContain(`copies/${issued.copyId}.pdf`);
    expect(keys.every((key) => /^copies\/[0-9a-f-]{36}\.pdf$/.test(key!))).toBe(true);
  });

  it('verifies each copy through the API', async () => {
    for (const [docId, { issued, pdf }] of copies) {
      const answer = await callApi(runtime, 'POST', '/v1/verify', {
        rawBody: pdf,
        contentType: 'application/pdf',
      });
      expect(answer.body, docId).toMatchObject({
        signature: 'valid',
        modified: false,
        copy: { status: 'valid', documentType: issued.type },
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
