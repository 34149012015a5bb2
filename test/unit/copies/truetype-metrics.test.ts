import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { create } from 'fontkitten';
import { describe, expect, it } from 'vitest';
import { BOLD_FONT_FILE, REGULAR_FONT_FILE } from '../../../functions/core/copies/copy-fonts';
import { characterMap, fontMetrics } from '../../../functions/core/copies/truetype-metrics';
import { parseTrueType } from '../../../functions/core/copies/truetype-subset';
import { ASSETS_DIR } from './support/sample-copy';

// Our cmap and metrics reader against a maintained font library (fontkitten, a dev dependency only):
// the same glyph for every character a copy may show, and the same FontDescriptor numbers.
describe.each([REGULAR_FONT_FILE, BOLD_FONT_FILE])('reading %s', (file) => {
  const load = async () => {
    const bytes = new Uint8Array(await readFile(join(ASSETS_DIR, file)));
    const reference = create(Buffer.from(bytes));
    if (reference.isCollection) throw new Error('a collection');
    return { program: parseTrueType(bytes), reference };
  };

  it('maps every character of U+0020–U+21FF and beyond the BMP to the glyph fontkitten maps it to', async () => {
    const { program, reference } = await load();
    const glyphOf = characterMap(program);
    const differences: string[] = [];
    const codePoints = [
      ...Array.from({ length: 0x2200 - 0x20 }, (_, i) => 0x20 + i),
      0xfffd,
      0x1f600,
      0x10ffff,
    ];
    for (const codePoint of codePoints) {
      const expected = reference.hasGlyphForCodePoint(codePoint)
        ? reference.glyphForCodePoint(codePoint).id
        : 0;
      if (glyphOf(codePoint) !== expected) differences.push(`U+${codePoint.toString(16)}`);
    }
    expect(differences).toEqual([]);
    // Cyrillic and Latin letters are there, so the comparison compared something.
    expect(glyphOf('Ї'.codePointAt(0)!)).toBeGreaterThan(0);
    expect(glyphOf('A'.codePointAt(0)!)).toBeGreaterThan(0);
  });

  it('reads the metrics and the PostScript name fontkitten reads', async () => {
    const { program, reference } = await load();
    const metrics = fontMetrics(program);
    expect(metrics).toEqual({
      unitsPerEm: reference.unitsPerEm,
      bbox: {
        xMin: reference.bbox.minX,
        yMin: reference.bbox.minY,
        xMax: reference.bbox.maxX,
        yMax: reference.bbox.maxY,
      },
      italicAngle: reference.italicAngle,
      ascent: reference.ascent,
      descent: reference.descent,
      capHeight: reference.capHeight ?? 0, // OS/2 older than version 2 (DejaVu): none
      postscriptName: reference.postscriptName,
    });
  });
});
