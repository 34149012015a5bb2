// A small TrueType subsetter for CIDFontType2 programs (ISO 32000-1 §9.9: head, hhea, loca, maxp, glyf,
// hmtx; cvt, fpgm and prep only serve hinting). Glyphs are renumbered in the order text first used them
// (0 stays .notdef), so the program holds only those glyphs; composite glyphs get their components
// appended and re-pointed. Hinting instructions are dropped: they are half of DejaVu's glyph bytes, and
// PDF viewers scale glyphs freely with their own rasterizer hinting. It only slices and concatenates
// bytes, which is far cheaper per copy than a general subsetter.

export interface TrueTypeProgram {
  numGlyphs: number;
  tables: Map<string, Uint8Array>;
  /** Start offsets of each glyph in glyf, numGlyphs + 1 entries. */
  glyphOffsets: Uint32Array;
  advances: Uint16Array;
  leftSideBearings: Int16Array;
}

export class UnsupportedFont extends Error {
  constructor(detail: string) {
    super(`Unsupported font: ${detail}`);
    this.name = 'UnsupportedFont';
  }
}

export function parseTrueType(bytes: Uint8Array): TrueTypeProgram {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565)
    throw new UnsupportedFont('not a TrueType outline font');
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const record = 12 + 16 * i;
    const tag = String.fromCharCode(...bytes.subarray(record, record + 4));
    const offset = view.getUint32(record + 8);
    tables.set(tag, bytes.subarray(offset, offset + view.getUint32(record + 12)));
  }
  const table = (tag: string) => {
    const found = tables.get(tag);
    if (!found) throw new UnsupportedFont(`no ${tag} table`);
    return new DataView(found.buffer, found.byteOffset, found.byteLength);
  };
  const numGlyphs = table('maxp').getUint16(4);
  const longOffsets = table('head').getInt16(50) === 1;
  const loca = table('loca');
  const glyphOffsets = new Uint32Array(numGlyphs + 1);
  for (let gid = 0; gid <= numGlyphs; gid++) {
    glyphOffsets[gid] = longOffsets ? loca.getUint32(gid * 4) : loca.getUint16(gid * 2) * 2;
  }
  const hmtx = table('hmtx');
  const metricCount = table('hhea').getUint16(34);
  const advances = new Uint16Array(numGlyphs);
  const leftSideBearings = new Int16Array(numGlyphs);
  for (let gid = 0; gid < numGlyphs; gid++) {
    const full = gid < metricCount;
    advances[gid] = full ? hmtx.getUint16(gid * 4) : advances[metricCount - 1]!;
    leftSideBearings[gid] = full
      ? hmtx.getInt16(gid * 4 + 2)
      : hmtx.getInt16(metricCount * 4 + (gid - metricCount) * 2);
  }
  if (!tables.has('glyf')) throw new UnsupportedFont('no glyf table');
  return { numGlyphs, tables, glyphOffsets, advances, leftSideBearings };
}

/**
 * Builds the subset program. `usedGlyphs[newId] = originalId`, with usedGlyphs[0] = 0 (.notdef);
 * components of composite glyphs get the ids after them.
 */
export function subsetTrueType(program: TrueTypeProgram, usedGlyphs: readonly number[]): Uint8Array {
  const glyphs = [...usedGlyphs];
  const glyf = program.tables.get('glyf')!;
  const newIdOf = new Map(glyphs.map((original, newId) => [original, newId]));
  const pieces: Uint8Array[] = [];
  for (let newId = 0; newId < glyphs.length; newId++) {
    const original = glyphs[newId]!;
    if (original >= program.numGlyphs) throw new UnsupportedFont(`glyph ${original} does not exist`);
    const bytes = glyf.subarray(program.glyphOffsets[original]!, program.glyphOffsets[original + 1]!);
    if (bytes.length === 0) pieces.push(bytes);
    else if (isComposite(bytes)) pieces.push(repointComponents(bytes, glyphs, newIdOf));
    else pieces.push(withoutInstructions(bytes));
  }

  const count = glyphs.length;
  let glyfLength = 0;
  for (const piece of pieces) glyfLength += pad4(piece.length);
  const newGlyf = new Uint8Array(glyfLength);
  const loca = new DataView(new ArrayBuffer((count + 1) * 4));
  const hmtx = new DataView(new ArrayBuffer(count * 4));
  let offset = 0;
  pieces.forEach((piece, newId) => {
    loca.setUint32(newId * 4, offset);
    newGlyf.set(piece, offset);
    offset += pad4(piece.length);
    const original = glyphs[newId]!;
    hmtx.setUint16(newId * 4, program.advances[original]!);
    hmtx.setInt16(newId * 4 + 2, program.leftSideBearings[original]!);
  });
  loca.setUint32(count * 4, offset);

  const head = copyTable(program, 'head');
  head.setUint32(8, 0); // checkSumAdjustment, set once the whole font exists
  head.setInt16(50, 1); // long loca offsets
  const hhea = copyTable(program, 'hhea');
  hhea.setUint16(34, count);
  const maxp = copyTable(program, 'maxp');
  maxp.setUint16(4, count);

  const tables = new Map<string, Uint8Array>([
    ['glyf', newGlyf],
    ['head', bytesOf(head)],
    ['hhea', bytesOf(hhea)],
    ['hmtx', bytesOf(hmtx)],
    ['loca', bytesOf(loca)],
    ['maxp', bytesOf(maxp)],
  ]);
  return writeSfnt(tables);
}

function isComposite(glyph: Uint8Array): boolean {
  return glyph.length >= 10 && (glyph[0]! & 0x80) !== 0; // numberOfContours < 0
}

// Simple glyph: header (10 bytes), endPtsOfContours[n], instructionLength, instructions, flags, points.
function withoutInstructions(glyph: Uint8Array): Uint8Array {
  const contours = (glyph[0]! << 8) | glyph[1]!;
  const lengthAt = 10 + 2 * contours;
  const instructionLength = (glyph[lengthAt]! << 8) | glyph[lengthAt + 1]!;
  if (instructionLength === 0) return glyph;
  const rest = glyph.subarray(lengthAt + 2 + instructionLength);
  const out = new Uint8Array(lengthAt + 2 + rest.length);
  out.set(glyph.subarray(0, lengthAt), 0);
  out.set(rest, lengthAt + 2);
  return out;
}

// Composite glyph records (OpenType glyf): flags, glyphIndex, arguments, optional transform; the last
// record may announce instructions (WE_HAVE_INSTRUCTIONS), which are cut off.
function repointComponents(glyph: Uint8Array, glyphs: number[], newIdOf: Map<number, number>): Uint8Array {
  const copy = new Uint8Array(glyph);
  const view = new DataView(copy.buffer);
  let at = 10;
  let flags: number;
  do {
    flags = view.getUint16(at);
    const original = view.getUint16(at + 2);
    let newId = newIdOf.get(original);
    if (newId === undefined) {
      newId = glyphs.length;
      glyphs.push(original);
      newIdOf.set(original, newId);
    }
    view.setUint16(at + 2, newId);
    if (!(flags & 0x0020) && flags & 0x0100) view.setUint16(at, flags & ~0x0100);
    at += 4 + (flags & 0x0001 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
    if (flags & 0x0008)
      at += 2; // WE_HAVE_A_SCALE
    else if (flags & 0x0040)
      at += 4; // WE_HAVE_AN_X_AND_Y_SCALE
    else if (flags & 0x0080) at += 8; // WE_HAVE_A_TWO_BY_TWO
  } while (flags & 0x0020 && at + 4 <= copy.length); // MORE_COMPONENTS
  return copy.subarray(0, at);
}

function writeSfnt(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const directoryLength = 12 + 16 * tags.length;
  let length = directoryLength;
  for (const tag of tags) length += pad4(tables.get(tag)!.length);
  const font = new Uint8Array(length);
  const view = new DataView(font.buffer);
  const entrySelector = Math.floor(Math.log2(tags.length));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tags.length);
  view.setUint16(6, 16 * 2 ** entrySelector);
  view.setUint16(8, entrySelector);
  view.setUint16(10, 16 * tags.length - 16 * 2 ** entrySelector);
  let offset = directoryLength;
  let headOffset = 0;
  tags.forEach((tag, index) => {
    const table = tables.get(tag)!;
    const record = 12 + 16 * index;
    for (let i = 0; i < 4; i++) view.setUint8(record + i, tag.charCodeAt(i));
    font.set(table, offset);
    view.setUint32(record + 4, checksum(view, offset, table.length));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, table.length);
    if (tag === 'head') headOffset = offset;
    offset += pad4(table.length);
  });
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(view, 0, font.length)) >>> 0);
  return font;
}

function checksum(view: DataView, offset: number, length: number): number {
  let sum = 0;
  const end = offset + pad4(length);
  for (let at = offset; at < end; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
  return sum;
}

function copyTable(program: TrueTypeProgram, tag: string): DataView {
  const copy = new Uint8Array(program.tables.get(tag)!);
  return new DataView(copy.buffer);
}

function bytesOf(view: DataView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function pad4(length: number): number {
  return (length + 3) & ~3;
}
