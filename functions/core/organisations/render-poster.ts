import { PDFDocument, PDFName } from 'pdf-lib';
import { loadCopyFonts } from '../copies/copy-fonts';
import type { CopyAssets } from '../copies/copy-input';
import { type Color, PageContent } from '../copies/page-content';
import { DocumentFont } from '../copies/pdf-font';
import { drawQrCode } from '../copies/qr-vector';
import { textWidth, wrapText } from '../copies/text-wrap';
import type { DocumentType } from '../documents/document-type';
import { descriptorOf } from '../documents/registry';

// The printable A4 poster of one (branch, service): the QR a visitor scans, who asks, for what, and
// how. Drawn with the copies' fonts and vector QR (sharp at any printer resolution). The QR is
// 12.3 cm wide: a URL of ~50 characters is a version 3–4 code, so a module is ~3 mm — a phone reads
// it from well over a metre away.

export const POSTER_PAGE = { width: 595.28, height: 841.89 };
export const POSTER_QR_SIZE = 350;
const MARGIN = 48;
const CONTENT_WIDTH = POSTER_PAGE.width - 2 * MARGIN;
const INK: Color = [0.1, 0.1, 0.12];
const MUTED: Color = [0.38, 0.4, 0.44];
const ACCENT: Color = [0.05, 0.25, 0.55];

export interface PosterInput {
  qrUrl: string;
  organisationName: string;
  branchName: string;
  branchAddress: string;
  serviceName: string;
  documentTypes: DocumentType[];
  verifyUrl: string;
}

export const POSTER_STEPS = [
  '1. Наведіть камеру телефона на QR-код і відкрийте посилання.',
  '2. Увійдіть і перевірте, хто і які документи запитує.',
  '3. Підтвердіть передачу своїм PIN-кодом.',
  'Підписані копії документів надійдуть на перевірену електронну пошту відділення.',
];

/** Where the QR code sits: centred horizontally, below the heading. */
export function posterQrBox(top: number) {
  return { x: (POSTER_PAGE.width - POSTER_QR_SIZE) / 2, y: top - POSTER_QR_SIZE, size: POSTER_QR_SIZE };
}

export async function renderPoster(input: PosterInput, assets: CopyAssets): Promise<Uint8Array> {
  const loaded = await loadCopyFonts(assets.assetsDir);
  const regular = new DocumentFont('F1', loaded.regular);
  const bold = new DocumentFont('F2', loaded.bold);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`docshare QR: ${input.organisationName}`);
  // The QR's URL, also readable by software (and by people below the code, when scanning fails).
  doc.setSubject(input.qrUrl);
  doc.setCreator('docshare');
  doc.setProducer('docshare');
  doc.setLanguage('uk-UA');
  const page = doc.addPage([POSTER_PAGE.width, POSTER_PAGE.height]);
  const content = new PageContent();

  const centred = (text: string, y: number, size: number, font: DocumentFont, color: Color) => {
    const x = (POSTER_PAGE.width - textWidth(text, font.font, size)) / 2;
    content.text(text, { x: Math.max(MARGIN, x), y, size, font, color });
  };
  const paragraph = (
    text: string,
    y: number,
    size: number,
    font: DocumentFont,
    color: Color,
    lead: number,
  ) => {
    for (const line of wrapText(text, font.font, size, CONTENT_WIDTH)) {
      centred(line, y, size, font, color);
      y -= lead;
    }
    return y;
  };

  let y = POSTER_PAGE.height - MARGIN - 10;
  centred('docshare · передача копій документів за QR-кодом', y, 10, regular, MUTED);
  y -= 34;
  y = paragraph(input.organisationName, y, 24, bold, INK, 28);
  y = paragraph(`${input.branchName} · ${input.branchAddress}`, y - 2, 11, regular, MUTED, 14);
  const qr = posterQrBox(y + 4);
  drawQrCode(content, input.qrUrl, qr);
  y = paragraph(input.qrUrl, qr.y - 2, 8.5, regular, MUTED, 11) - 6;
  y = paragraph(input.serviceName, y, 18, bold, ACCENT, 22);
  y -= 4;
  const titles = input.documentTypes.map((type) => descriptorOf(type).titleUk);
  y = paragraph(`Документи: ${titles.join(', ')}`, y, 11, regular, INK, 14);
  y -= 8;
  for (const step of POSTER_STEPS) y = paragraph(step, y, 10.5, regular, INK, 14);
  paragraph(`Перевірити справжність копії: ${input.verifyUrl}`, MARGIN, 8.5, regular, MUTED, 11);

  const fonts = {
    [regular.resourceName]: regular.embed(doc.context),
    [bold.resourceName]: bold.embed(doc.context),
  };
  page.node.set(PDFName.of('Contents'), content.register(doc.context));
  page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: fonts }));
  return doc.save({ useObjectStreams: false });
}
