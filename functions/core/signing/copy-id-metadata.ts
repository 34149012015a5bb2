import { PDFDocument } from 'pdf-lib';

// The copyId travels in the document info Keywords as "copy:<copyId>" — the only identifier the
// metadata carries (no personal data), enough for a verifier to look up the copy's status.
const COPY_KEYWORD_PREFIX = 'copy:';

export function copyIdKeyword(copyId: string): string {
  return COPY_KEYWORD_PREFIX + copyId;
}

/** The copyId from the document info Keywords, or undefined for a PDF without one or garbage. */
export async function readCopyIdFromPdf(pdf: Uint8Array): Promise<string | undefined> {
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    const keywords = doc.getKeywords() ?? '';
    const keyword = keywords.split(/\s+/).find((word) => word.startsWith(COPY_KEYWORD_PREFIX));
    return keyword ? keyword.slice(COPY_KEYWORD_PREFIX.length) : undefined;
  } catch {
    return undefined;
  }
}
