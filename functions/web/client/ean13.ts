// EAN-13 drawn from its 13 digits (GS1 General Specifications § 5.2.1): guard bars, six left digits
// in odd (L) or even (G) parity chosen by the first digit, six right digits in R, 95 modules.

const L = [
  '0001101',
  '0011001',
  '0010011',
  '0111101',
  '0100011',
  '0110001',
  '0101111',
  '0111011',
  '0110111',
  '0001011',
];
const R = L.map((code) => [...code].map((bit) => (bit === '1' ? '0' : '1')).join(''));
const G = R.map((code) => [...code].reverse().join(''));
const PARITY = [
  'LLLLLL',
  'LLGLGG',
  'LLGGLG',
  'LLGGGL',
  'LGLLGG',
  'LGGLLG',
  'LGGGLL',
  'LGLGLG',
  'LGLGGL',
  'LGGLGL',
];

export function ean13CheckDigit(first12: string): number {
  const sum = [...first12].reduce((total, digit, index) => total + Number(digit) * (index % 2 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10;
}

/** The 95 modules of the symbol, '1' for a bar; throws on anything but a valid EAN-13. */
export function ean13Modules(digits: string): string {
  if (!/^\d{13}$/.test(digits)) throw new Error('An EAN-13 has 13 digits');
  if (ean13CheckDigit(digits.slice(0, 12)) !== Number(digits[12])) throw new Error('Wrong check digit');
  const parity = PARITY[Number(digits[0])]!;
  let modules = '101';
  for (let i = 1; i <= 6; i++) modules += (parity[i - 1] === 'L' ? L : G)[Number(digits[i])]!;
  modules += '01010';
  for (let i = 7; i <= 12; i++) modules += R[Number(digits[i])]!;
  return `${modules}101`;
}

const GUARDS = new Set([0, 1, 2, 45, 46, 47, 48, 49, 92, 93, 94]);

/** An SVG image of the symbol with quiet zones (11 modules left, 7 right); guard bars run longer. */
export function ean13Svg(digits: string, moduleWidth = 3, height = 120): string {
  const modules = ean13Modules(digits);
  const quietLeft = 11;
  const width = (quietLeft + 95 + 7) * moduleWidth;
  const bars: string[] = [];
  for (let i = 0; i < modules.length; ) {
    if (modules[i] !== '1') {
      i++;
      continue;
    }
    let run = 1;
    while (modules[i + run] === '1' && GUARDS.has(i + run) === GUARDS.has(i)) run++;
    const barHeight = GUARDS.has(i) ? height : height - 10;
    bars.push(
      `<rect x="${(quietLeft + i) * moduleWidth}" y="0" width="${run * moduleWidth}" height="${barHeight}"/>`,
    );
    i += run;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" shape-rendering="crispEdges">` +
    `<rect width="${width}" height="${height}" fill="#fff"/><g fill="#000">${bars.join('')}</g></svg>`
  );
}
