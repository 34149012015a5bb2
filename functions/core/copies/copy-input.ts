/** One row of the copy's table. `latin` is the transliterated form printed under the value. */
export interface CopyField {
  label: string;
  value: string;
  latin?: string;
}

/** Everything printed on a copy; generic on purpose — document schemas map into it. */
export interface CopyRenderInput {
  copyId: string;
  documentType: string;
  /** Ukrainian title, e.g. «Паспорт громадянина України». */
  title: string;
  fields: CopyField[];
  recipient: { partnerName: string; branchName: string };
  purpose: string;
  generatedAt: Date;
  expiresAt: Date;
  /** The DS1 verification payload, drawn as a vector QR code. */
  qrPayload: string;
  /** Set for an extract: how many of the document's fields the copy shows. */
  extract?: { shown: number; total: number };
}

/** Where the fonts live: a checkout's layers/pdf-assets locally, the layer at /opt/pdf-assets on Lambda. */
export interface CopyAssets {
  assetsDir: string;
}

export const LAMBDA_PDF_ASSETS_DIR = '/opt/pdf-assets';
