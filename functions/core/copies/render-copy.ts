import { PDFDict, PDFDocument, PDFName, type PDFPage, PDFString } from 'pdf-lib';
import { copyIdKeyword } from '../signing/copy-id-metadata';
import { addSignaturePlaceholder } from '../signing/signature-placeholder';
import { loadCopyFonts } from './copy-fonts';
import type { CopyAssets, CopyField, CopyRenderInput } from './copy-input';
import { formatKyivTime } from './kyiv-time';
import { type Color, PageContent } from './page-content';
import { DocumentFont } from './pdf-font';
import { drawQrCode } from './qr-vector';
import { fitOnOneLine, printable, textWidth, wrapText } from './text-wrap';

// A4 in points, and the grid every copy shares.
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const TOP = PAGE.height - MARGIN;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const QR_SIZE = 150;
const LABEL_WIDTH = 165;
const VALUE_X = MARGIN + LABEL_WIDTH + 12;
const VALUE_WIDTH = PAGE.width - MARGIN - VALUE_X;
const ROW_PADDING = 7;
const LABEL_SIZE = 8.5;
const VALUE_SIZE = 11;
const LATIN_SIZE = 8.5;
const STAMP_SIZE = 8;
const INK: Color = [0.1, 0.1, 0.12];
const MUTED: Color = [0.38, 0.4, 0.44];
const RULE: Color = [0.82, 0.84, 0.87];
const STAMP: Color = [0.05, 0.25, 0.55];

interface Fonts {
  regular: DocumentFont;
  bold: DocumentFont;
}

interface Page {
  leaf: PDFPage;
  content: PageContent;
}

/**
 * Renders a copy as an unsigned PDF that already holds a PAdES signature placeholder (signing time =
 * generatedAt), so signPdf can sign it without parsing it again. Fonts are embedded as per-copy subsets.
 */
export async function renderCopy(input: CopyRenderInput, assets: CopyAssets): Promise<Uint8Array> {
  const loaded = await loadCopyFonts(assets.assetsDir);
  const fonts: Fonts = {
    regular: new DocumentFont('F1', loaded.regular),
    bold: new DocumentFont('F2', loaded.bold),
  };
  const doc = await PDFDocument.create({ updateMetadata: false });
  describeDocument(doc, input);

  const stampLines = wrapText(stampText(input), fonts.regular.font, STAMP_SIZE, CONTENT_WIDTH - 16);
  const bottomLimit = MARGIN + 30 + stampLines.length * 10;
  const pages: Page[] = [];
  const newPage = (): Page => {
    const page = { leaf: doc.addPage([PAGE.width, PAGE.height]), content: new PageContent() };
    pages.push(page);
    return page;
  };

  let page = newPage();
  let y = drawHeader(page.content, input, fonts);
  for (const field of input.fields) {
    const row = layoutRow(field, fonts);
    // A row taller than a whole page is drawn anyway rather than paging forever.
    if (y - row.height < bottomLimit && y < TOP - 40) {
      page = newPage();
      y = drawContinuationHeader(page.content, input, fonts);
    }
    drawRow(page.content, row, y, fonts);
    y -= row.height;
  }
  pages.forEach(({ content }, index) => {
    drawStamp(content, input, stampLines, `Сторінка ${index + 1} з ${pages.length}`, fonts);
  });

  const fontResources = {
    [fonts.regular.resourceName]: fonts.regular.embed(doc.context),
    [fonts.bold.resourceName]: fonts.bold.embed(doc.context),
  };
  for (const { leaf, content } of pages) {
    leaf.node.set(PDFName.of('Contents'), content.register(doc.context));
    leaf.node.set(PDFName.of('Resources'), doc.context.obj({ Font: fontResources }));
  }
  addSignaturePlaceholder(doc, { signingTime: input.generatedAt, reason: `docshare copy ${input.copyId}` });
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/** «Копія для <partner>, <branch>, мета: <purpose>, сформовано <dd.MM.yyyy HH:mm>» (Kyiv time). */
export function stampText(input: CopyRenderInput): string {
  const { partnerName, branchName } = input.recipient;
  return `Копія для ${partnerName}, ${branchName}, мета: ${input.purpose}, сформовано ${formatKyivTime(input.generatedAt)}`;
}

/** «Витяг: 3 з 13 полів · Extract: 3 of 13 fields»: an extract says so on its face, in both languages. */
export function extractText({ shown, total }: { shown: number; total: number }): string {
  return `Витяг: ${shown} з ${total} полів · Extract: ${shown} of ${total} fields`;
}

// Metadata names docshare and the copy only: document info is easy to read and never carries personal data.
function describeDocument(doc: PDFDocument, input: CopyRenderInput): void {
  doc.setTitle(`docshare copy ${input.copyId}`);
  doc.setAuthor('docshare');
  doc.setSubject('Signed copy of a document issued through docshare');
  doc.setKeywords(['docshare', copyIdKeyword(input.copyId)]);
  doc.setProducer('docshare');
  doc.setCreator('docshare');
  doc.setCreationDate(input.generatedAt);
  doc.setModificationDate(input.generatedAt);
  doc.setLanguage('uk-UA');
  // The QR's text as well, signed with the rest: a verifier's page reads it from the file offline
  // (docs/copy-format.md). Base45 has no parentheses or backslashes, so a literal string holds it.
  // The setters above created the Info dictionary; pdf-lib has no public setter for a custom key.
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (info instanceof PDFDict) info.set(PDFName.of('DocshareQr'), PDFString.of(input.qrPayload));
}

function drawHeader(content: PageContent, input: CopyRenderInput, fonts: Fonts): number {
  const qrX = PAGE.width - MARGIN - QR_SIZE + 8; // only the quiet zone reaches into the margin
  drawQrCode(content, input.qrPayload, { x: qrX, y: TOP - QR_SIZE + 8, size: QR_SIZE });
  const caption = 'Перевірка справжності копії';
  const captionX = qrX + (QR_SIZE - textWidth(caption, fonts.regular.font, 7.5)) / 2;
  content.text(caption, { x: captionX, y: TOP - QR_SIZE + 4, size: 7.5, font: fonts.regular, color: MUTED });

  let y = TOP - 9;
  content.text('docshare · копія електронного документа', {
    x: MARGIN,
    y,
    size: 9,
    font: fonts.regular,
    color: MUTED,
  });
  y -= 30;
  for (const line of wrapText(input.title, fonts.bold.font, 18, CONTENT_WIDTH - QR_SIZE)) {
    content.text(line, { x: MARGIN, y, size: 18, font: fonts.bold, color: INK });
    y -= 23;
  }
  y -= 6;
  const facts = [
    `Сформовано: ${formatKyivTime(input.generatedAt)} (Київ)`,
    `Дійсна до: ${formatKyivTime(input.expiresAt)} (Київ)`,
    `Ідентифікатор копії: ${printable(input.copyId)}`,
    ...(input.extract ? [extractText(input.extract)] : []),
  ];
  for (const fact of facts) {
    content.text(fact, { x: MARGIN, y, size: 9.5, font: fonts.regular, color: INK });
    y -= 14;
  }
  const tableTop = Math.min(y, TOP - QR_SIZE) - 14;
  drawRule(content, tableTop, 1);
  return tableTop;
}

function drawContinuationHeader(content: PageContent, input: CopyRenderInput, fonts: Fonts): number {
  const y = TOP - 9;
  const suffix = ' (продовження)';
  const room = CONTENT_WIDTH - textWidth(suffix, fonts.regular.font, 9);
  const title = fitOnOneLine(input.title, fonts.regular.font, 9, room) + suffix;
  content.text(title, { x: MARGIN, y, size: 9, font: fonts.regular, color: MUTED });
  drawRule(content, y - 10, 1);
  return y - 10;
}

interface RowLayout {
  label: string[];
  value: string[];
  latin: string[];
  height: number;
}

function layoutRow(field: CopyField, fonts: Fonts): RowLayout {
  const label = wrapText(field.label, fonts.regular.font, LABEL_SIZE, LABEL_WIDTH);
  const value = wrapText(field.value, fonts.bold.font, VALUE_SIZE, VALUE_WIDTH);
  const latin = field.latin ? wrapText(field.latin, fonts.regular.font, LATIN_SIZE, VALUE_WIDTH) : [];
  const valueHeight = value.length * 14 + latin.length * 11;
  const height = Math.max(label.length * 11, valueHeight) + 2 * ROW_PADDING;
  return { label, value, latin, height };
}

function drawRow(content: PageContent, row: RowLayout, top: number, fonts: Fonts): void {
  let labelY = top - ROW_PADDING - 9;
  for (const line of row.label) {
    content.text(line, { x: MARGIN, y: labelY, size: LABEL_SIZE, font: fonts.regular, color: MUTED });
    labelY -= 11;
  }
  let valueY = top - ROW_PADDING - 10;
  for (const line of row.value) {
    content.text(line, { x: VALUE_X, y: valueY, size: VALUE_SIZE, font: fonts.bold, color: INK });
    valueY -= 14;
  }
  valueY += 2;
  for (const line of row.latin) {
    content.text(line, { x: VALUE_X, y: valueY, size: LATIN_SIZE, font: fonts.regular, color: MUTED });
    valueY -= 11;
  }
  drawRule(content, top - row.height, 0.5);
}

function drawStamp(
  content: PageContent,
  input: CopyRenderInput,
  lines: string[],
  pageLabel: string,
  fonts: Fonts,
) {
  const height = lines.length * 10 + 22;
  content.strokeRectangle({ x: MARGIN, y: MARGIN, width: CONTENT_WIDTH, height }, 0.8, STAMP);
  let y = MARGIN + height - 12;
  for (const line of lines) {
    content.text(line, { x: MARGIN + 8, y, size: STAMP_SIZE, font: fonts.regular, color: STAMP });
    y -= 10;
  }
  const small = { y: y - 2, size: 7.5, font: fonts.regular, color: MUTED };
  content.text(`ID копії: ${printable(input.copyId)}`, { ...small, x: MARGIN + 8 });
  const pageLabelX = PAGE.width - MARGIN - 8 - textWidth(pageLabel, fonts.regular.font, 7.5);
  content.text(pageLabel, { ...small, x: pageLabelX });
}

function drawRule(content: PageContent, y: number, thickness: number): void {
  const color = thickness >= 1 ? INK : RULE;
  content.line({ x: MARGIN, y }, { x: PAGE.width - MARGIN, y }, thickness, color);
}
