// Stands in for `@pdf-lib/standard-fonts` in the Lambda bundles (infra/constructs/bundle-aliases.ts).
// Copies and posters embed their own subset of DejaVu (copies/copy-fonts.ts) and never one of the 14
// standard PDF fonts, whose metric tables are 127 KB of every bundle importing pdf-lib and are
// inflated at import. pdf-lib needs the font names at load (to validate a standard font's name);
// anything that would embed a standard font fails loudly instead of drawing with missing metrics.

export enum FontNames {
  Courier = 'Courier',
  CourierBold = 'Courier-Bold',
  CourierOblique = 'Courier-Oblique',
  CourierBoldOblique = 'Courier-BoldOblique',
  Helvetica = 'Helvetica',
  HelveticaBold = 'Helvetica-Bold',
  HelveticaOblique = 'Helvetica-Oblique',
  HelveticaBoldOblique = 'Helvetica-BoldOblique',
  TimesRoman = 'Times-Roman',
  TimesRomanBold = 'Times-Bold',
  TimesRomanItalic = 'Times-Italic',
  TimesRomanBoldItalic = 'Times-BoldItalic',
  Symbol = 'Symbol',
  ZapfDingbats = 'ZapfDingbats',
}

export class StandardFontsNotBundled extends Error {
  constructor(font: string) {
    super(`The standard PDF font ${font} is not in this bundle: embed one of the project's fonts`);
    this.name = 'StandardFontsNotBundled';
  }
}

export const Font = {
  load(font: string): never {
    throw new StandardFontsNotBundled(font);
  },
};

// Read only by pdf-lib's standard-font embedder, after Font.load.
export const Encodings = {};
