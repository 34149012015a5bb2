import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { type PDFContext, PDFRawStream, type PDFRef, PDFString } from 'pdf-lib';
import type { CopyFont } from './copy-fonts';
import { FLATE_LEVEL } from './page-content';
import { subsetTrueType } from './truetype-subset';

/**
 * One font as used by one document: collects the glyphs the text needs, then embeds a Type0 /
 * CIDFontType2 font (Identity-H, CIDToGIDMap /Identity) with a subset program, widths and a ToUnicode
 * map so text stays searchable and copyable. Streams are deflated with node's zlib.
 */
export class DocumentFont {
  /** glyphs[subsetId] = id in the full font; subset ids follow first use, 0 is .notdef. */
  readonly #glyphs: number[] = [0];
  readonly #subsetIdOf = new Map<number, number>([[0, 0]]);
  /** subset id → the character it was first used for (ToUnicode) and its width. */
  readonly #used: Array<{ char: string; width: number }> = [];

  constructor(
    readonly resourceName: string,
    readonly font: CopyFont,
  ) {}

  /** The text as a PDF hex string of subset glyph ids, for the Tj operator. */
  encode(text: string): string {
    let hex = '';
    for (const char of text) {
      const glyph = this.font.glyph(char);
      let subsetId = this.#subsetIdOf.get(glyph.id);
      if (subsetId === undefined) {
        subsetId = this.#glyphs.length;
        this.#glyphs.push(glyph.id);
        this.#subsetIdOf.set(glyph.id, subsetId);
        this.#used[subsetId] = { char, width: glyph.width };
      }
      hex += HEX4[subsetId] ?? subsetId.toString(16).padStart(4, '0');
    }
    return `<${hex}>`;
  }

  embed(context: PDFContext): PDFRef {
    const textGlyphs = this.#glyphs.length;
    const program = subsetTrueType(this.font.program, this.#glyphs);
    // Subset fonts are named TAG+Name with a six-letter tag that differs per glyph set (ISO 32000-1 §9.6.4).
    const tag = [...createHash('sha256').update(this.#glyphs.join(',')).digest().subarray(0, 6)]
      .map((byte) => String.fromCharCode(65 + (byte % 26)))
      .join('');
    const baseFont = `${tag}+${this.font.postscriptName}`;
    const { metrics } = this.font;
    const fontFile = deflatedStream(context, program, { Length1: program.length });
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        Flags: metrics.flags,
        FontBBox: metrics.bbox,
        ItalicAngle: metrics.italicAngle,
        Ascent: metrics.ascent,
        Descent: metrics.descent,
        CapHeight: metrics.capHeight,
        StemV: 0,
        FontFile2: fontFile,
      }),
    );
    const widths: number[] = [];
    for (let id = 1; id < textGlyphs; id++) widths.push(this.#used[id]!.width);
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: [1, widths],
        CIDToGIDMap: 'Identity',
      }),
    );
    return context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: baseFont,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        // ~1.5 KB of text: deflating it costs more time than the bytes it saves.
        ToUnicode: context.register(
          PDFRawStream.of(context.obj({}), Buffer.from(toUnicodeCMap(this.#used), 'latin1')),
        ),
      }),
    );
  }
}

const HEX4 = Array.from({ length: 1024 }, (_, id) => id.toString(16).padStart(4, '0'));

function deflatedStream(context: PDFContext, bytes: Uint8Array, extra: Record<string, number> = {}): PDFRef {
  const dict = context.obj({ Filter: 'FlateDecode', ...extra });
  return context.register(PDFRawStream.of(dict, deflateSync(bytes, { level: FLATE_LEVEL })));
}

// ISO 32000-1 §9.10.3: glyph id → UTF-16BE, at most 100 entries per bfchar block.
function toUnicodeCMap(used: Array<{ char: string }>): string {
  const entries = used.flatMap((glyph, id): Array<[number, string]> => (glyph ? [[id, glyph.char]] : []));
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    const lines = chunk.map(([id, char]) => `<${id.toString(16).padStart(4, '0')}> ${utf16Hex(char)}`);
    blocks.push(`${chunk.length} beginbfchar\n${lines.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CIDInit /ProcSet findresource exch defineresource pop',
    'end',
    'end',
  ].join('\n');
}

function utf16Hex(char: string): string {
  let hex = '';
  for (let i = 0; i < char.length; i++) hex += char.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}
