import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { LAMBDA_BUNDLE_OPTIONS, projectRoot } from '../../../infra/constructs/docshare-function';

// The Lambda bundles swap four modules for smaller stand-ins (infra/constructs/bundle-aliases.ts).
// These tests build with the same aliases and check what the bundles rely on: pdf-lib still writes
// PDFs any reader inflates, what the stand-ins leave out fails loudly, and the copy bundle no longer
// carries the replaced packages.

// pako (what pdf-lib ships with) inflates what the zlib stand-in deflated; it has no type declarations.
const { inflate } = createRequire(import.meta.url)('pako') as { inflate(data: Uint8Array): Uint8Array };

const workDir = mkdtempSync(path.join(tmpdir(), 'docshare-stand-ins-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const esbuildOptions = { ...LAMBDA_BUNDLE_OPTIONS, logLevel: 'silent' as const };

async function bundled<T>(name: string, source: string): Promise<T> {
  const entry = path.join(workDir, `${name}.ts`);
  const outfile = path.join(workDir, `${name}.mjs`);
  writeFileSync(entry, source);
  await build({
    ...esbuildOptions,
    entryPoints: [entry],
    outfile,
    nodePaths: [path.join(projectRoot, 'node_modules')],
  });
  return (await import(pathToFileURL(outfile).href)) as T;
}

const pdfProbe = `
import { PDFDocument, StandardFonts } from 'pdf-lib';
export async function drawn(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 200]);
  for (let i = 0; i < 50; i++) page.drawRectangle({ x: i, y: i, width: 20, height: 20 });
  return doc.save();
}
export async function withStandardFont(): Promise<void> {
  const doc = await PDFDocument.create();
  await doc.embedFont(StandardFonts.Helvetica);
}
export async function withPng(bytes: Uint8Array): Promise<void> {
  const doc = await PDFDocument.create();
  await doc.embedPng(bytes);
}
`;

interface PdfProbe {
  drawn(): Promise<Uint8Array>;
  withStandardFont(): Promise<void>;
  withPng(bytes: Uint8Array): Promise<void>;
}

// A 1×1 PNG: signature, IHDR, IDAT, IEND.
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('the bundles’ stand-ins', { timeout: 60_000 }, () => {
  it('let pdf-lib write compressed content streams that pako inflates', async () => {
    const probe = await bundled<PdfProbe>('pdf-probe', pdfProbe);
    const bytes = await probe.drawn();
    const doc = await PDFDocument.load(bytes);
    const inflated = doc.context
      .enumerateIndirectObjects()
      .flatMap(([, object]) =>
        object instanceof PDFRawStream && object.dict.toString().includes('/FlateDecode') ? [object] : [],
      )
      .map((stream) => new TextDecoder().decode(inflate(stream.contents)));
    expect(inflated.length).toBeGreaterThan(0);
    // pdf-lib draws each rectangle as a closed path: `h` ends each of the 50.
    expect(inflated.join('\n').match(/^h$/gm)).toHaveLength(50);
    expect(doc.getPageCount()).toBe(1);
  });

  it('refuse a standard PDF font or a PNG by name instead of drawing with missing metrics', async () => {
    const probe = await bundled<PdfProbe>('pdf-probe-refusals', pdfProbe);
    await expect(probe.withStandardFont()).rejects.toThrow(
      /standard PDF font Helvetica is not in this bundle/,
    );
    await expect(probe.withPng(onePixelPng)).rejects.toThrow(/PNG decoding is not in this bundle/);
  });

  it('leave cbor-x decoding in JavaScript, without its native addon', async () => {
    const probe = await bundled<{ roundTrip(): unknown; native(): boolean }>(
      'cbor-probe',
      `import { decode, encode, isNativeAccelerationEnabled } from 'cbor-x';
       export const roundTrip = () => decode(encode({ name: 'Щербина Юлія', tags: ['a', 'ß'], n: 42 }));
       export const native = () => isNativeAccelerationEnabled;`,
    );
    expect(probe.roundTrip()).toEqual({ name: 'Щербина Юлія', tags: ['a', 'ß'], n: 42 });
    expect(probe.native()).toBe(false);
  });

  it('leave the replaced packages and the X-Ray SDK out of the copy-issuing bundle', async () => {
    const result = await build({
      ...esbuildOptions,
      entryPoints: [path.join(projectRoot, 'functions/consent/issue-copies.ts')],
      outfile: path.join(workDir, 'issue-copies.mjs'),
      write: false,
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    const from = (name: string) => inputs.filter((input) => input.includes(`node_modules/${name}/`));
    expect(from('@aws-sdk/client-s3').length).toBeGreaterThan(0); // the SDK is bundled
    expect(inputs).toContain('functions/bundling/lambda-credentials.ts');
    for (const replaced of [
      'pako',
      '@pdf-lib/standard-fonts',
      '@pdf-lib/upng',
      'cbor-extract',
      'node-gyp-build-optional-packages',
      '@aws-sdk/credential-provider-node',
      '@aws-sdk/credential-provider-sso',
      '@aws-sdk/credential-provider-ini',
      '@aws-sdk/nested-clients',
      // Not replaced but gone: the X-Ray SDK is in maintenance mode (docs/architecture.md, Operations).
      'aws-xray-sdk-core',
    ]) {
      expect(from(replaced), replaced).toEqual([]);
    }
  });
});
