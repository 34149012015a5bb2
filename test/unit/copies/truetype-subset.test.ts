import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOLD_FONT_FILE, REGULAR_FONT_FILE } from '../../../functions/core/copies/copy-fonts';
import {
  parseTrueType,
  subsetTrueType,
  UnsupportedFont,
} from '../../../functions/core/copies/truetype-subset';
import { ASSETS_DIR } from './support/sample-copy';

describe('TrueType subsetting', () => {
  let bytes: Uint8Array;
  let full: ReturnType<typeof fontkit.create>;

  beforeAll(async () => {
    bytes = new Uint8Array(await readFile(join(ASSETS_DIR, REGULAR_FONT_FILE)));
    full = fontkit.create(bytes);
  });

  const glyphIds = (text: string) => [
    0,
    ...new Set([...text].map((c) => full.glyphForCodePoint(c.codePointAt(0)!).id)),
  ];

  it('keeps only the used glyphs, renumbered in order of use, with their outlines and advances', () => {
    const used = glyphIds('Щербина Юлія');
    const subset = fontkit.create(subsetTrueType(parseTrueType(bytes), used));
    expect(subset.numGlyphs).toBeLessThan(used.length + 5); // plus components of any composite glyph
    used.forEach((original, newId) => {
      if (newId === 0) return;
      const before = full.getGlyph(original);
      const after = subset.getGlyph(newId);
      expect(after.advanceWidth).toBe(before.advanceWidth);
      expect(after.path.toSVG()).toBe(before.path.toSVG());
    });
  });

  it('appends and re-points the components of composite glyphs such as «й» and «ї»', () => {
    const used = glyphIds('йї');
    const program = subsetTrueType(parseTrueType(bytes), used);
    const subset = fontkit.create(program);
    expect(subset.numGlyphs).toBeGreaterThan(used.length); // components came along
    for (const [char, newId] of [
      ['й', 1],
      ['ї', 2],
    ] as const) {
      expect(subset.getGlyph(newId).path.toSVG()).toBe(
        full.glyphForCodePoint(char.codePointAt(0)!).path.toSVG(),
      );
    }
  });

  it('writes a font whose checksum adjustment makes the whole file sum to 0xB1B0AFBA', () => {
    const program = subsetTrueType(parseTrueType(bytes), glyphIds('docshare'));
    const view = new DataView(program.buffer, program.byteOffset, program.byteLength);
    let sum = 0;
    for (let at = 0; at < program.length; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });

  it('is far smaller than the font it comes from', async () => {
    const bold = new Uint8Array(await readFile(join(ASSETS_DIR, BOLD_FONT_FILE)));
    const program = subsetTrueType(parseTrueType(bold), glyphIds('Паспорт громадянина України 0123456789'));
    expect(program.length).toBeLessThan(bold.length / 40);
  });

  it('refuses data that is not a TrueType font', () => {
    expect(() => parseTrueType(new Uint8Array(64))).toThrow(UnsupportedFont);
  });
});
