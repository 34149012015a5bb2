// qrcode's encoder alone (lib/core/qrcode.js, no exports map in the package): importing the package
// root also loads its PNG, SVG and terminal renderers and pngjs, ~37 KB of the copy bundle no copy uses.
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions, QRCodeSegment } from 'qrcode';
  export function create(text: string | QRCodeSegment[], options?: QRCodeOptions): QRCode;
}
