import type { TrueTypeProgram } from './truetype-subset';

// What a copy needs of a font besides its glyph outlines: which glyph draws a character (cmap
// formats 4 and 12) and the FontDescriptor numbers (head, hhea, OS/2, post, name). Read here from the
// tables truetype-subset.ts already holds rather than by a font library: fontkitten, the smallest
// maintained one, was 238 KB of every bundle that renders a copy (issue 17), for a few lookups.
// Checked against fontkitten, glyph by glyph and number by number (test/unit/copies).

export interface FontMetrics {
  unitsPerEm: number;
  bbox: { xMin: number; yMin: number; xMax: number; yMax: number };
  italicAngle: number;
  ascent: number;
  descent: number;
  /** OS/2 sCapHeight; 0 when the table is older than version 2. */
  capHeight: number;
  postscriptName?: string;
}

function viewOf(program: TrueTypeProgram, tag: string): DataView | undefined {
  const table = program.tables.get(tag);
  return table && new DataView(table.buffer, table.byteOffset, table.byteLength);
}

export function fontMetrics(program: TrueTypeProgram): FontMetrics {
  const head = viewOf(program, 'head')!;
  const hhea = viewOf(program, 'hhea')!;
  const os2 = viewOf(program, 'OS/2');
  const post = viewOf(program, 'post');
  const postscriptName = nameOf(program, 6);
  return {
    unitsPerEm: head.getUint16(18),
    bbox: {
      xMin: head.getInt16(36),
      yMin: head.getInt16(38),
      xMax: head.getInt16(40),
      yMax: head.getInt16(42),
    },
    // post.italicAngle is a 16.16 fixed-point number.
    italicAngle: post ? post.getInt16(4) + post.getUint16(6) / 65536 : 0,
    ascent: hhea.getInt16(4),
    descent: hhea.getInt16(6),
    capHeight: os2 && os2.getUint16(0) >= 2 && os2.byteLength >= 90 ? os2.getInt16(88) : 0,
    ...(postscriptName ? { postscriptName } : {}),
  };
}

/** A name table string: Windows Unicode (UTF-16BE) first, else Macintosh Roman read as ASCII. */
function nameOf(program: TrueTypeProgram, nameId: number): string | undefined {
  const name = viewOf(program, 'name');
  if (!name) return undefined;
  const count = name.getUint16(2);
  const strings = name.getUint16(4);
  let mac: string | undefined;
  for (let i = 0; i < count; i++) {
    const record = 6 + i * 12;
    if (name.getUint16(record + 6) !== nameId) continue;
    const platform = name.getUint16(record);
    const length = name.getUint16(record + 8);
    const start = strings + name.getUint16(record + 10);
    if (platform === 3) {
      const units: number[] = [];
      for (let at = start; at + 1 < start + length; at += 2) units.push(name.getUint16(at));
      return String.fromCharCode(...units);
    }
    if (platform === 1 && mac === undefined) {
      const bytes: number[] = [];
      for (let at = start; at < start + length; at++) bytes.push(name.getUint8(at));
      mac = String.fromCharCode(...bytes);
    }
  }
  return mac;
}

/** The glyph id a code point maps to, 0 (.notdef) when the font has none for it. */
export function characterMap(program: TrueTypeProgram): (codePoint: number) => number {
  const cmap = viewOf(program, 'cmap');
  if (!cmap) return () => 0;
  // Prefer a full-Unicode subtable (format 12), else the BMP one (format 4).
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < cmap.getUint16(2); i++) {
    const platform = cmap.getUint16(4 + i * 8);
    const encoding = cmap.getUint16(6 + i * 8);
    const offset = cmap.getUint32(8 + i * 8);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = cmap.getUint16(offset);
    if (format === 12) format12 ??= offset;
    if (format === 4) format4 ??= offset;
  }
  if (format12 !== undefined) return format12Lookup(cmap, format12);
  if (format4 !== undefined) return format4Lookup(cmap, format4);
  return () => 0;
}

function format12Lookup(cmap: DataView, offset: number): (codePoint: number) => number {
  const groups = cmap.getUint32(offset + 12);
  return (codePoint) => {
    let low = 0;
    let high = groups - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const group = offset + 16 + mid * 12;
      if (codePoint < cmap.getUint32(group)) high = mid - 1;
      else if (codePoint > cmap.getUint32(group + 4)) low = mid + 1;
      else return cmap.getUint32(group + 8) + codePoint - cmap.getUint32(group);
    }
    return 0;
  };
}

function format4Lookup(cmap: DataView, offset: number): (codePoint: number) => number {
  const segments = cmap.getUint16(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (codePoint) => {
    if (codePoint > 0xffff) return 0;
    for (let i = 0; i < segments; i++) {
      if (cmap.getUint16(ends + i * 2) < codePoint) continue;
      const start = cmap.getUint16(starts + i * 2);
      if (start > codePoint) return 0;
      const delta = cmap.getUint16(deltas + i * 2);
      const rangeOffset = cmap.getUint16(rangeOffsets + i * 2);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = cmap.getUint16(rangeOffsets + i * 2 + rangeOffset + (codePoint - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
