import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { characterMap, fontMetrics } from './truetype-metrics';
import { parseTrueType, type TrueTypeProgram } from './truetype-subset';

// Parsing a TTF costs more than rendering a whole copy, so each font is read and parsed once per
// process (a Lambda container) and shared by every copy it renders. Glyphs, advances, metrics and
// the subset all come from our own TrueType reader (truetype-subset.ts, truetype-metrics.ts).
export const REGULAR_FONT_FILE = 'fonts/DejaVuSans.ttf';
export const BOLD_FONT_FILE = 'fonts/DejaVuSans-Bold.ttf';

export interface GlyphInfo {
  id: number;
  /** Advance width in thousandths of the font size (PDF glyph space). */
  width: number;
}

export interface CopyFont {
  postscriptName: string;
  program: TrueTypeProgram;
  /** FontDescriptor numbers in glyph space (thousandths of an em). */
  metrics: {
    flags: number;
    bbox: number[];
    italicAngle: number;
    ascent: number;
    descent: number;
    capHeight: number;
  };
  /** The glyph a character is drawn with: no shaping, which Latin and Cyrillic do not need. Cached. */
  glyph(char: string): GlyphInfo;
  /** Advance width of a character at size 1. */
  advance(char: string): number;
}

export interface CopyFonts {
  regular: CopyFont;
  bold: CopyFont;
}

const loaded = new Map<string, Promise<CopyFonts>>();

export function loadCopyFonts(assetsDir: string): Promise<CopyFonts> {
  let fonts = loaded.get(assetsDir);
  if (!fonts) {
    fonts = Promise.all([
      parseFont(join(assetsDir, REGULAR_FONT_FILE)),
      parseFont(join(assetsDir, BOLD_FONT_FILE)),
    ]).then(([regular, bold]) => ({ regular, bold }));
    loaded.set(assetsDir, fonts);
    fonts.catch(() => loaded.delete(assetsDir));
  }
  return fonts;
}

async function parseFont(path: string): Promise<CopyFont> {
  const bytes = new Uint8Array(await readFile(path));
  const program = parseTrueType(bytes);
  const font = fontMetrics(program);
  const glyphOf = characterMap(program);
  const scale = 1000 / font.unitsPerEm;
  const glyphs = new Map<string, GlyphInfo>();
  const glyph = (char: string): GlyphInfo => {
    let info = glyphs.get(char);
    if (!info) {
      const found = glyphOf(char.codePointAt(0)!);
      const id = found < program.numGlyphs ? found : 0;
      info = { id, width: Math.round(program.advances[id]! * scale) };
      glyphs.set(char, info);
    }
    return info;
  };
  const { xMin, yMin, xMax, yMax } = font.bbox;
  return {
    postscriptName: font.postscriptName ?? 'DejaVuSans',
    program,
    metrics: {
      flags: 4 | (isFixedPitch(program) ? 1 : 0), // symbolic: glyphs are addressed by id, not a standard encoding
      bbox: [xMin, yMin, xMax, yMax].map((v) => Math.round(v * scale)),
      italicAngle: font.italicAngle,
      ascent: Math.round(font.ascent * scale),
      descent: Math.round(font.descent * scale),
      capHeight: Math.round((font.capHeight || font.ascent) * scale),
    },
    glyph,
    advance: (char) => glyph(char).width / 1000,
  };
}

/** post.isFixedPitch (uint32 at offset 12). */
function isFixedPitch(program: TrueTypeProgram): boolean {
  const post = program.tables.get('post');
  if (!post || post.length < 16) return false;
  return new DataView(post.buffer, post.byteOffset, post.byteLength).getUint32(12) !== 0;
}
