import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  POSTER_PAGE,
  POSTER_QR_SIZE,
  posterQrBox,
  renderPoster,
} from '../../../functions/core/organisations/render-poster';
import { toolsAvailable } from '../../support/external-tools';
import { scanQrFromPdf } from '../../support/scan-qr';

const assetsDir = path.resolve(import.meta.dirname, '../../../layers/pdf-assets');
const input = {
  qrUrl: 'https://docshare.example.org/q/AbCdEfGhIjKlMnOpQrStUv',
  organisationName: 'ТОВ «Дуже довга назва організації, що не вміщується в один рядок плаката А4»',
  branchName: 'Відділення на Подолі',
  branchAddress: 'м. Київ, вул. Сагайдачного, 1',
  serviceName: 'Запис до лікаря',
  documentTypes: ['internal-passport', 'taxpayer-card'] as const,
  verifyUrl: 'https://docshare.example.org/verify',
};

describe('the QR poster', () => {
  it('is one A4 page with a centred QR at least 12 cm wide, its URL in the metadata', async () => {
    const pdf = await renderPoster({ ...input, documentTypes: [...input.documentTypes] }, { assetsDir });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getSubject()).toBe(input.qrUrl);
    expect((POSTER_QR_SIZE / 72) * 2.54).toBeGreaterThanOrEqual(12);
    const box = posterQrBox(600);
    expect(box.x + box.size / 2).toBeCloseTo(POSTER_PAGE.width / 2);
  });

  it.runIf(toolsAvailable('pdftoppm'))('scans from a coarse 50 dpi rendering', async () => {
    const pdf = await renderPoster({ ...input, documentTypes: [...input.documentTypes] }, { assetsDir });
    expect(await scanQrFromPdf(pdf, 50)).toBe(input.qrUrl);
  });
});
