import type { QRCodeSegment } from 'qrcode';
import { create as createQr } from 'qrcode/lib/core/qrcode';
import type { PageContent } from './page-content';

// The QR is drawn as vectors, one rectangle per horizontal run of dark modules, filled as a single path:
// it stays sharp at any scan or print resolution, where a raster QR blurs at low dpi.
const QUIET_ZONE_MODULES = 4;
// Choosing the best of the eight masks by penalty score is 85% of qrcode's time (~3 ms a copy). Any mask
// decodes, and DS1 payloads (Base45 of compressed, signed bytes) are noise-like already, which is what
// masking aims at; mask 2 is verified to scan at 72–300 dpi in the tests.
const MASK_PATTERN = 2;

export interface QrBox {
  /** Lower-left corner of the square, quiet zone included. */
  x: number;
  y: number;
  size: number;
}

export function drawQrCode(content: PageContent, text: string, box: QrBox): void {
  const qr = createQr(qrSegments(text), { errorCorrectionLevel: 'M', maskPattern: MASK_PATTERN });
  const { size: count, data } = qr.modules;
  const cell = box.size / (count + 2 * QUIET_ZONE_MODULES);
  const runs: Array<[number, number, number]> = [];
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!data[row * count + column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && data[row * count + column]) column++;
      runs.push([start, row, column - start]);
    }
  }
  const quietZone = QUIET_ZONE_MODULES * cell;
  content.fillGridRuns(runs, { x: box.x + quietZone, top: box.y + box.size - quietZone, cell });
}

// Base45 text (DS1 payloads) fits QR alphanumeric mode, 5.5 bits a character; naming the segment
// skips qrcode's search for an optimal mix of modes.
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

function qrSegments(text: string): QRCodeSegment[] {
  return [
    ALPHANUMERIC.test(text)
      ? { data: text, mode: 'alphanumeric' }
      : { data: Buffer.from(text, 'utf8'), mode: 'byte' },
  ];
}
