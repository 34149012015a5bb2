import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { renderCopy } from '../functions/core/copies/render-copy';
import { describeDocument } from '../functions/core/documents';
import { encodeCopyQr } from '../functions/core/qr/copy-qr';
import { signPdf } from '../functions/core/signing/sign-pdf';
import { demoCitizens } from '../local/seed/citizens';
import { ASSETS_DIR, createSigningSetup, sampleClaims } from '../test/unit/copies/support/sample-copy';
import { moduleLoadMs } from './bundles';

// Signed copies (issue 4): render + QR + PAdES signature per copy on one core, with the signing
// key in memory (the KMS call local, no network), PDF size per document type, and the
// copy-issuing Lambda's bundle: size and module load (cold start) time.

export interface CopyFigures {
  copies: number;
  copiesPerSecond: number;
  copiesPerCpuSecond: number;
  p50Ms: number;
  p99Ms: number;
  pdfKbByType: Record<string, number>;
  bundleKb: number;
  bundleGzipKb: number;
  moduleLoadMs: number;
}

const seeded = demoCitizens.flatMap((citizen) => citizen.documents);

/** The configuration IssueCopies parses at import, with placeholders for what deploy resolves. */
const ISSUE_COPIES_ENVIRONMENT = {
  TABLE_NAME: 'bench',
  COPIES_BUCKET: 'bench',
  DATA_KEY_ID: 'bench',
  SIGNING_KEY_ID: 'bench',
  ROOT_CA_KEY_ID: 'bench',
  PDF_ASSETS_DIR: ASSETS_DIR,
};

export async function benchCopies(cdkOutDir: string, copies = 300): Promise<CopyFigures> {
  const setup = await createSigningSetup();
  const produce = async (document: (typeof seeded)[number], index: number) => {
    const copyId = `0f8e2c4a-6b1d-4e3f-9a27-${String(index).padStart(12, '0')}`;
    const qrPayload = await encodeCopyQr(
      { ...sampleClaims(copyId), documentType: document.type },
      setup.copySigner,
      setup.chain.signingCertDer,
    );
    const description = describeDocument(document.type, document.data as never);
    const unsigned = await renderCopy(
      {
        copyId,
        documentType: document.type,
        title: description.title,
        fields: description.fields,
        recipient: { partnerName: 'Демо-банк', branchName: 'Відділення №1, Київ' },
        purpose: 'Відкриття рахунку',
        generatedAt: new Date(),
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
        qrPayload,
      },
      { assetsDir: ASSETS_DIR },
    );
    return signPdf(unsigned, setup.copySigner, setup.chain);
  };

  const pdfKbByType: Record<string, number> = {};
  for (const [index, document] of seeded.entries()) {
    const size = (await produce(document, index)).length / 1024;
    pdfKbByType[document.type] = Math.max(pdfKbByType[document.type] ?? 0, Number(size.toFixed(1)));
  }
  for (let i = 0; i < 30; i++) await produce(seeded[i % seeded.length]!, 100 + i); // JIT warm-up

  const timings: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < copies; i++) {
    const t = performance.now();
    await produce(seeded[i % seeded.length]!, 1000 + i);
    timings.push(performance.now() - t);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  timings.sort((a, b) => a - b);
  const at = (q: number) =>
    Number(timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(2));

  const bundle = issueCopyBundle(cdkOutDir);
  const source = readFileSync(bundle);
  return {
    copies,
    copiesPerSecond: Math.round((copies * 1000) / wallMs),
    copiesPerCpuSecond: Math.round((copies * 1_000_000) / (cpu.user + cpu.system)),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    pdfKbByType,
    bundleKb: Number((statSync(bundle).size / 1024).toFixed(1)),
    bundleGzipKb: Number((gzipSync(source).length / 1024).toFixed(1)),
    moduleLoadMs: moduleLoadMs(bundle, ISSUE_COPIES_ENVIRONMENT, 5),
  };
}

/** The esbuild bundle of the copy-issuing function in the synthesized cloud assembly. */
function issueCopyBundle(cdkOutDir: string): string {
  const templateFile = path.join(cdkOutDir, 'Docshare.template.json');
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as {
    Resources: Record<string, { Type: string; Properties?: { Code?: { S3Key?: string } } }>;
  };
  const [, resource] =
    Object.entries(template.Resources).find(
      ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('CopiesIssueCopies'),
    ) ?? [];
  // Assets are staged as asset.<hash>/ beside the template; the S3 key is <hash>.zip.
  const key = resource?.Properties?.Code?.S3Key;
  if (!key) throw new Error(`No CopiesIssueCopies function in ${templateFile}`);
  const asset = `asset.${key.replace(/\.zip$/, '')}`;
  return path.join(cdkOutDir, asset, 'index.mjs');
}
