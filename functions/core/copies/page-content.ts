import { deflateSync } from 'node:zlib';
import { type PDFContext, PDFRawStream, type PDFRef } from 'pdf-lib';
import type { DocumentFont } from './pdf-font';

export type Color = readonly [number, number, number];

// Level 1 deflates a copy's streams in half the time of the default level 6 for ~1.5 KB more per PDF.
export const FLATE_LEVEL = 1;

/**
 * A page's content stream written as PDF operators directly: a copy is a few hundred operators, and
 * building them as text then deflating with node's zlib is an order of magnitude cheaper than
 * pdf-lib's drawing API, which formats numbers and compresses in JavaScript.
 */
export class PageContent {
  readonly #ops: string[] = [];

  text(text: string, at: { x: number; y: number; size: number; font: DocumentFont; color: Color }): void {
    if (!text) return;
    this.#ops.push(
      `BT ${rgb(at.color)} rg /${at.font.resourceName} ${num(at.size)} Tf ${num(at.x)} ${num(at.y)} Td ${at.font.encode(text)} Tj ET`,
    );
  }

  line(from: { x: number; y: number }, to: { x: number; y: number }, width: number, color: Color): void {
    this.#ops.push(
      `${rgb(color)} RG ${num(width)} w ${num(from.x)} ${num(from.y)} m ${num(to.x)} ${num(to.y)} l S`,
    );
  }

  strokeRectangle(
    box: { x: number; y: number; width: number; height: number },
    width: number,
    color: Color,
  ): void {
    this.#ops.push(
      `${rgb(color)} RG ${num(width)} w ${num(box.x)} ${num(box.y)} ${num(box.width)} ${num(box.height)} re S`,
    );
  }

  /**
   * Fills cells of a grid as one path: runs are [column, row, length] in cells, the grid's top-left corner
   * is (x, top) and a cell is `cell` points. Integer cell coordinates under one transformation keep the
   * stream small and let neighbouring runs share exact edges, so no hairline seams appear.
   */
  fillGridRuns(
    runs: Iterable<readonly [number, number, number]>,
    grid: { x: number; top: number; cell: number },
  ) {
    const scale = num(grid.cell, 4); // the cell size is multiplied by up to 177 modules: keep precision
    const parts = [`q 0 0 0 rg ${scale} 0 0 -${scale} ${num(grid.x)} ${num(grid.top)} cm`];
    for (const [column, row, length] of runs)
      parts.push(`${SMALL[column]} ${SMALL[row]} ${SMALL[length]} 1 re`);
    parts.push('f Q');
    this.#ops.push(parts.join('\n'));
  }

  register(context: PDFContext): PDFRef {
    const bytes = Buffer.from(this.#ops.join('\n'), 'latin1');
    return context.register(
      PDFRawStream.of(context.obj({ Filter: 'FlateDecode' }), deflateSync(bytes, { level: FLATE_LEVEL })),
    );
  }
}

// QR grid coordinates are small integers; a lookup table beats number-to-string conversion.
const SMALL = Array.from({ length: 256 }, (_, n) => String(n));

/** Two decimals by default: a hundredth of a point is far below a printer dot and keeps streams small. */
export function num(value: number, decimals = 2): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function rgb([r, g, b]: Color): string {
  return `${num(r)} ${num(g)} ${num(b)}`;
}
