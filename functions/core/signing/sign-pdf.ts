import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { buildCadesSignedData, type CertificateChain } from './cades-signed-data';
import type { DigestSigner } from './digest-signer';
import { addSignaturePlaceholder } from './signature-placeholder';

export type { CertificateChain } from './cades-signed-data';

export interface SignPdfOptions {
  /** Signing time for a placeholder this call adds; a placeholder made by renderCopy already has it. */
  signingTime?: Date;
}

export class SignaturePlaceholderTooSmall extends Error {
  constructor(needed: number, available: number) {
    super(`The CMS signature needs ${needed} hex characters but the placeholder holds ${available}`);
    this.name = 'SignaturePlaceholderTooSmall';
  }
}

export class PdfAlreadySigned extends Error {
  constructor() {
    super('The PDF is already signed; re-saving it would break that signature');
    this.name = 'PdfAlreadySigned';
  }
}

const FILLED_BYTE_RANGE = /\/ByteRange\s*\[\s*\d+\s+\d+\s+\d+\s+\d+\s*\]/;
const BYTE_RANGE_PLACEHOLDER = /\/ByteRange\s*\[\s*0\s+\/\*{10}\s+\/\*{10}\s+\/\*{10}\s*\]/g;

/**
 * Signs a PDF as PAdES B-B: fills ByteRange, hashes everything but /Contents, and embeds a CAdES
 * detached CMS whose signature comes from `signer` (KMS in AWS). Adds a placeholder first if the PDF
 * has none (renderCopy output already has one, which saves re-parsing the document).
 */
export async function signPdf(
  pdf: Uint8Array,
  signer: DigestSigner,
  chain: CertificateChain,
  options: SignPdfOptions = {},
): Promise<Uint8Array> {
  let prepared = pdf;
  let slot = findPlaceholder(prepared);
  if (!slot) {
    // Adding a placeholder re-saves the whole file (no incremental update), which would void a signature.
    if (FILLED_BYTE_RANGE.test(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1'))) {
      throw new PdfAlreadySigned();
    }
    prepared = await withPlaceholder(pdf, options.signingTime ?? new Date());
    slot = findPlaceholder(prepared);
    if (!slot) throw new Error('Could not add a signature placeholder');
  }
  const signed = new Uint8Array(prepared);
  const { byteRangeAt, byteRangeLength, contentsStart, contentsEnd } = slot;
  const byteRange = [0, contentsStart, contentsEnd, signed.length - contentsEnd];
  const byteRangeText = `/ByteRange [${byteRange.join(' ')}]`.padEnd(byteRangeLength, ' ');
  if (byteRangeText.length > byteRangeLength) throw new Error('ByteRange does not fit its placeholder');
  signed.set(Buffer.from(byteRangeText, 'latin1'), byteRangeAt);

  const digest = createHash('sha256')
    .update(signed.subarray(0, contentsStart))
    .update(signed.subarray(contentsEnd))
    .digest();
  const cms = await buildCadesSignedData(digest, signer, chain);
  const available = contentsEnd - contentsStart - 2;
  if (cms.length * 2 > available) throw new SignaturePlaceholderTooSmall(cms.length * 2, available);
  const hex = Buffer.from(cms).toString('hex').padEnd(available, '0');
  signed.set(Buffer.from(`<${hex}>`, 'latin1'), contentsStart);
  return signed;
}

interface PlaceholderSlot {
  byteRangeAt: number;
  byteRangeLength: number;
  /** Offset of '<' that opens the /Contents hex string. */
  contentsStart: number;
  /** Offset just after the closing '>'. */
  contentsEnd: number;
}

function findPlaceholder(pdf: Uint8Array): PlaceholderSlot | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const matches = [...text.matchAll(BYTE_RANGE_PLACEHOLDER)];
  if (matches.length === 0) return undefined;
  if (matches.length > 1) throw new Error('The PDF has more than one signature placeholder');
  const match = matches[0]!;
  const byteRangeAt = match.index;
  const byteRangeLength = match[0].length;
  const contents = /\/Contents\s*</y;
  const searchFrom = text.indexOf('/Contents', byteRangeAt + byteRangeLength);
  contents.lastIndex = searchFrom;
  if (searchFrom < 0 || !contents.test(text)) throw new Error('The signature placeholder has no /Contents');
  const contentsStart = contents.lastIndex - 1;
  const contentsEnd = text.indexOf('>', contentsStart) + 1;
  if (contentsEnd <= 0) throw new Error('The signature placeholder /Contents is not closed');
  return { byteRangeAt, byteRangeLength, contentsStart, contentsEnd };
}

async function withPlaceholder(pdf: Uint8Array, signingTime: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  addSignaturePlaceholder(doc, { signingTime });
  return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
}
