export { BARCODE_TTL_SECONDS, type BarcodeClass, classifyBarcode, mintBarcode } from './barcode';
export type { BarcodeRecord, BarcodeStore, DocumentRef } from './barcode-store';
export { type ConsumedBarcode, consumeBarcode } from './consume-barcode';
export {
  BarcodeSpaceExhausted,
  type IssueBarcodeOptions,
  type IssuedBarcode,
  issueBarcode,
  MAX_BARCODE_MINT_ATTEMPTS,
} from './issue-barcode';
