import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCopy, stampText } from '../../../functions/core/copies/render-copy';
import { decodeCopyQr, encodeCopyQr, trustedQrKey } from '../../../functions/core/qr/copy-qr';
import { runTool, toolsAvailable } from '../../support/external-tools';
import {
  ASSETS_DIR,
  createSigningSetup,
  renderSignedSample,
  type SigningSetup,
  sampleClaims,
  sampleCopyInput,
} from './support/sample-copy';

const PERSONAL = ['Щербина', 'Юлія', 'Shcherbyna', '004512937', '3345678901'];

describe('a rendered copy', () => {
  let setup: SigningSetup;
  let signed: Uint8Array;
  let qrPayload: string;

  beforeAll(async () => {
    setup = await createSigningSetup();
    ({ signed, qrPayload } = await renderSignedSample(setup));
  });

  it('is a single A4 page well under 120 KB', async () => {
    const doc = await PDFDocument.load(signed);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(signed.length).toBeLessThan(120 * 1024);
  });

  it('names only docshare and the copyId in its document info', async () => {
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    const info = [
      doc.getTitle(),
      doc.getAuthor(),
      doc.getSubject(),
      doc.getKeywords(),
      doc.getProducer(),
      doc.getCreator(),
    ];
    expect(info).toEqual([
      'docshare copy 0f8e2c4a-6b1d-4e3f-9a27-5c8d1e0b7f64',
      'docshare',
      'Signed copy of a document issued through docshare',
      'docshare copy:0f8e2c4a-6b1d-4e3f-9a27-5c8d1e0b7f64',
      'docshare',
      'docshare',
    ]);
    for (const value of PERSONAL) expect(info.join(' ')).not.toContain(value);
  });

  it('carries its QR’s text in the signed document info, for a verifier page that reads the file offline', () => {
    const text = Buffer.from(signed).toString('latin1');
    const embedded = /\/DocshareQr \((DS1:[^)]+)\)/.exec(text)?.[1];
    expect(embedded).toBe(qrPayload);
    // Inside the signed revision: changing it breaks the signature like any other byte.
    expect(text.indexOf('/DocshareQr')).toBeLessThan(text.lastIndexOf('/ByteRange'));
  });

  it('embeds its fonts as subsets, so no personal text appears in the file bytes', async () => {
    const doc = await PDFDocument.load(signed);
    const fonts = doc.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    const baseFonts = fonts
      .values()
      .map((ref) => doc.context.lookup(ref, PDFDict).get(PDFName.of('BaseFont'))!.toString());
    expect(baseFonts).toHaveLength(2);
    for (const name of baseFonts) expect(name).toMatch(/^\/[A-Z]{6}\+DejaVuSans(-Bold)?$/);
    const bytes = Buffer.from(signed);
    for (const value of PERSONAL) expect(bytes.includes(Buffer.from(value, 'utf8'))).toBe(false);
  });

  it('continues on further pages when the fields overflow', async () => {
    const pdf = await renderCopy(overflowingInput(), { assetsDir: ASSETS_DIR });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(4);
  });
});

function overflowingInput() {
  const fields = Array.from({ length: 70 }, (_, i) => ({
    label: `Поле ${i + 1}`,
    value: `Значення ${i + 1}`,
  }));
  return { ...sampleCopyInput('DS1:TEST'), fields };
}

describe.skipIf(!toolsAvailable('pdftotext', 'pdftoppm'))('a rendered copy read back by poppler', () => {
  let dir: string;
  let setup: SigningSetup;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docshare-copy-'));
    setup = await createSigningSetup();
    const { signed } = await renderSignedSample(setup);
    file = join(dir, 'copy.pdf');
    await writeFile(file, signed);
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has extractable Cyrillic text: title, names, Latin forms and the stamp', async () => {
    const { stdout } = await runTool('pdftotext', ['-layout', file, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Паспорт громадянина України');
    expect(text).toContain('Щербина Юлія Олександрівна');
    expect(text).toContain('Shcherbyna Yuliia Oleksandrivna');
    expect(text).toContain('м. Київ, вул. Ярославів Вал, буд. 15, кв. 42');
    expect(text).toContain(stampText(sampleCopyInput('')));
    expect(text).toContain('0f8e2c4a-6b1d-4e3f-9a27-5c8d1e0b7f64');
  });

  it('prints the stamp and the copyId on every page of a long copy', async () => {
    const long = join(dir, 'long.pdf');
    await writeFile(long, await renderCopy(overflowingInput(), { assetsDir: ASSETS_DIR }));
    for (const page of ['1', '2', '3', '4']) {
      const { stdout } = await runTool('pdftotext', ['-f', page, '-l', page, long, '-']);
      const text = stdout.replace(/\s+/g, ' ');
      expect(text).toContain(
        'Копія для ПриватБанк, Відділення №14, Київ, мета: Відкриття рахунку, сформовано 14.03.2025 11:26',
      );
      expect(text).toContain('ID копії: 0f8e2c4a-6b1d-4e3f-9a27-5c8d1e0b7f64');
      expect(text).toMatch(new RegExp(`Сторінка\\s*${page}\\s*з\\s*4`));
    }
  });

  /** Renders page 1 with poppler and decodes the QR from the pixels; `crop` limits it to the top right. */
  async function scanQr(pdfFile: string, dpi: number, crop: boolean): Promise<string | undefined> {
    const box = crop
      ? [
          '-x',
          String(Math.round((360 * dpi) / 72)),
          '-y',
          '0',
          '-W',
          String(Math.round((235 * dpi) / 72)),
          '-H',
          String(Math.round((240 * dpi) / 72)),
        ]
      : [];
    const out = join(dir, `scan-${dpi}`);
    await runTool('pdftoppm', [
      '-r',
      String(dpi),
      '-f',
      '1',
      '-l',
      '1',
      '-png',
      '-singlefile',
      ...box,
      pdfFile,
      out,
    ]);
    const png = PNG.sync.read(await readFile(`${out}.png`));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  }

  it('carries a QR that scans from a 150 dpi rendering and verifies with the signing key', async () => {
    const scanned = await scanQr(file, 150, false);
    expect(scanned).toBeDefined();
    const decoded = decodeCopyQr(scanned!, [trustedQrKey(setup.chain.signingCertDer)]);
    expect(decoded.signatureValid).toBe(true);
    expect(decoded.claims).toEqual(sampleClaims());
  }, 30_000);

  it('draws QRs (with the fixed mask) that scan at 72 and 300 dpi for different payloads', async () => {
    for (const copyId of [
      '5d0c6f3e-9a1b-4c2d-8e7f-0a1b2c3d4e5f',
      'CP-2025-000042',
      'b9f8e7d6-c5b4-4a39-8281-706f5e4d3c2b',
    ]) {
      const qrPayload = await encodeCopyQr(
        sampleClaims(copyId),
        setup.copySigner,
        setup.chain.signingCertDer,
      );
      const pdfFile = join(dir, `qr-${copyId}.pdf`);
      await writeFile(
        pdfFile,
        await renderCopy(sampleCopyInput(qrPayload, copyId), { assetsDir: ASSETS_DIR }),
      );
      for (const dpi of [72, 300])
        expect(await scanQr(pdfFile, dpi, true), `${copyId} at ${dpi} dpi`).toBe(qrPayload);
    }
  }, 60_000);
});
