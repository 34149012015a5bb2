import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { runTool } from './external-tools';

/** Page 1 as a PNG, rendered by poppler's pdftoppm at `dpi`: what a photo of the printout shows. */
export async function renderFirstPage(pdf: Uint8Array, dpi = 150): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'docshare-scan-'));
  try {
    await writeFile(join(dir, 'copy.pdf'), pdf);
    const args = ['-r', String(dpi), '-f', '1', '-l', '1', '-png', '-singlefile', join(dir, 'copy.pdf')];
    const rendered = await runTool('pdftoppm', [...args, join(dir, 'scan')]);
    if (rendered.code !== 0) throw new Error(`pdftoppm failed: ${rendered.stderr}`);
    return await readFile(join(dir, 'scan.png'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What a phone would read: page 1 rendered by poppler's pdftoppm at `dpi`, decoded by jsQR. */
export async function scanQrFromPdf(pdf: Uint8Array, dpi = 150): Promise<string | undefined> {
  const png = PNG.sync.read(await renderFirstPage(pdf, dpi));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}
