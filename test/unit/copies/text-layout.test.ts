import { describe, expect, it } from 'vitest';
import { loadCopyFonts } from '../../../functions/core/copies/copy-fonts';
import { formatKyivTime } from '../../../functions/core/copies/kyiv-time';
import { stampText } from '../../../functions/core/copies/render-copy';
import { fitOnOneLine, printable, textWidth, wrapText } from '../../../functions/core/copies/text-wrap';
import { ASSETS_DIR, sampleCopyInput } from './support/sample-copy';

describe('Kyiv time on copies', () => {
  it('formats winter times as UTC+2 and summer times as UTC+3, as dd.MM.yyyy HH:mm', () => {
    expect(formatKyivTime(new Date('2025-01-15T22:05:00Z'))).toBe('16.01.2025 00:05');
    expect(formatKyivTime(new Date('2025-07-01T12:00:59Z'))).toBe('01.07.2025 15:00');
  });

  it('stamps the recipient, purpose and generation time', () => {
    expect(stampText(sampleCopyInput('DS1:X'))).toBe(
      'Копія для ПриватБанк, Відділення №14, Київ, мета: Відкриття рахунку, сформовано 14.03.2025 11:26',
    );
  });
});

describe('text layout', () => {
  it('wraps words within the width and breaks a word longer than a line', async () => {
    const { regular } = await loadCopyFonts(ASSETS_DIR);
    const lines = wrapText('Щербина Юлія Олександрівна Щербина Юлія Олександрівна', regular, 11, 120);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textWidth(line, regular, 11)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe('Щербина Юлія Олександрівна Щербина Юлія Олександрівна');
    const broken = wrapText('А'.repeat(80), regular, 11, 100);
    expect(broken.join('')).toBe('А'.repeat(80));
    for (const line of broken) expect(textWidth(line, regular, 11)).toBeLessThanOrEqual(100);
  });

  it('keeps given line breaks and drops control and bidi-override characters', () => {
    expect(printable('  Рядок\tперший \r\nРядок\u202e другий\u0000 ')).toBe('Рядок перший\nРядок другий');
  });

  it('cuts a line that does not fit with an ellipsis', async () => {
    const { regular } = await loadCopyFonts(ASSETS_DIR);
    const line = fitOnOneLine('Свідоцтво про народження дитини, видане органом реєстрації', regular, 9, 100);
    expect(line.endsWith('…')).toBe(true);
    expect(textWidth(line, regular, 9)).toBeLessThanOrEqual(100);
    expect(fitOnOneLine('Коротко', regular, 9, 100)).toBe('Коротко');
  });
});
