export { BARCODE_TTL_SECONDS, type BarcodeClass, classifyBarcode, mintBarcode } from './barcode';
export type { BarcodeRecord, BarcodeStore, DocumentRef, TakenBarcode } from './barcode-store';
export { type ConsumedBarcode, consumeBarcode, type OpenDocument } from './consume-barcode';
export {
  BarcodeSpaceExhausted,
  type IssueBarcodeOptions,
  type IssuedBarcode,
  issueBarcode,
  MAX_BARCODE_MINT_ATTEMPTS,
} from './issue-barcode';
