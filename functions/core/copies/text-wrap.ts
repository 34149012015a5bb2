import type { CopyFont } from './copy-fonts';

/** Greedy word wrap by cached advance widths; breaks words that are wider than the line. */
export function wrapText(text: string, font: CopyFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of printable(text).split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ').filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, font, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      for (const piece of breakWord(word, font, size, maxWidth)) {
        if (line) lines.push(line);
        line = piece;
      }
    }
    lines.push(line);
  }
  return lines;
}

export function textWidth(text: string, font: CopyFont, size: number): number {
  let width = 0;
  for (const char of text) width += font.advance(char);
  return width * size;
}

/**
 * Lines of single-spaced text: control and format characters (bidi overrides, zero-width marks) become
 * spaces, so nothing but printable text reaches the PDF; '\n' and '\r\n' separate lines.
 */
export function printable(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}]+/gu, ' ').trim())
    .join('\n')
    .trim();
}

function breakWord(word: string, font: CopyFont, size: number, maxWidth: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && textWidth(piece + char, font, size) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** The text on one line, cut with '…' to fit `maxWidth`. */
export function fitOnOneLine(text: string, font: CopyFont, size: number, maxWidth: number): string {
  const line = printable(text).replace(/\n/g, ' ');
  if (textWidth(line, font, size) <= maxWidth) return line;
  const chars = [...line];
  while (chars.length > 0 && textWidth(`${chars.join('').trimEnd()}…`, font, size) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
