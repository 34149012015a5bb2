import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFContentStream, type PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

/**
 * Hex characters reserved for /Contents (bytes × 2). A leaf + root ECDSA CMS is about 1.6 KB;
 * 8192 leaves room. A signature timestamp later would need 16–32K.
 */
export const SIGNATURE_PLACEHOLDER_HEX_CHARS = 8192;

export interface PlaceholderOptions {
  /** Goes into the signature dictionary's M: PAdES keeps the signing time there, not in the CMS. */
  signingTime: Date;
  reason?: string;
}

/** Adds an invisible signature field whose dictionary awaits ByteRange and Contents (PAdES B-B). */
export function addSignaturePlaceholder(pdfDoc: PDFDocument, options: PlaceholderOptions): void {
  pdflibAddPlaceholder({
    pdfDoc,
    // placeholder-pdf-lib writes these with PDFString.of(), which garbles anything but ASCII.
    reason: asciiOnly(options.reason ?? 'docshare signed copy'),
    contactInfo: '',
    name: 'docshare',
    location: 'UA',
    signingTime: options.signingTime,
    signatureLength: SIGNATURE_PLACEHOLDER_HEX_CHARS,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'docshare',
  });
  storeContentStreamsRaw(pdfDoc);
}

// The widget's empty appearance stream is a pdf-lib content stream, which pdf-lib deflates with pako,
// allocating ~256 KB per document for nothing; an empty stream needs no filter.
function storeContentStreamsRaw(pdfDoc: PDFDocument): void {
  for (const [ref, object] of pdfDoc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFContentStream) || object.getUnencodedContentsSize() > 0) continue;
    object.dict.delete(PDFName.of('Filter'));
    pdfDoc.context.assign(ref, PDFRawStream.of(object.dict, new Uint8Array(0)));
  }
}

function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
