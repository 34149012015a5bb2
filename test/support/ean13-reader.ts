// Reads the digits back from the bars of an EAN-13 SVG the wallet drew, independently of how it
// was drawn: bar positions → 95 modules → digit patterns (GS1 L/G/R sets) → the 13 digits.

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
const R = L.map((code) => code.replace(/./g, (bit) => (bit === '1' ? '0' : '1')));
const G = R.map((code) => [...code].reverse().join(''));
const FIRST_DIGIT_BY_PARITY = [
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

export function readEan13Svg(svg: string): string {
  const rects = [...svg.matchAll(/<rect x="(\d+(?:\.\d+)?)" y="0" width="(\d+(?:\.\d+)?)"/g)].map((m) => ({
    x: Number(m[1]),
    width: Number(m[2]),
  }));
  if (rects.length === 0) throw new Error('no bars');
  // The narrowest bar is one module; the first bar starts the left guard.
  const module = Math.min(...rects.map((rect) => rect.width));
  const start = Math.min(...rects.map((rect) => rect.x));
  const bits = Array<string>(95).fill('0');
  for (const rect of rects) {
    const from = Math.round((rect.x - start) / module);
    for (let i = 0; i < Math.round(rect.width / module); i++) bits[from + i] = '1';
  }
  const modules = bits.join('');
  if (!modules.startsWith('101') || modules.slice(45, 50) !== '01010' || !modules.endsWith('101')) {
    throw new Error(`guards not found in ${modules}`);
  }
  let parity = '';
  let digits = '';
  for (let i = 0; i < 6; i++) {
    const code = modules.slice(3 + i * 7, 10 + i * 7);
    if (L.includes(code)) {
      parity += 'L';
      digits += L.indexOf(code);
    } else if (G.includes(code)) {
      parity += 'G';
      digits += G.indexOf(code);
    } else throw new Error(`unknown left pattern ${code}`);
  }
  for (let i = 0; i < 6; i++) {
    const code = modules.slice(50 + i * 7, 57 + i * 7);
    if (!R.includes(code)) throw new Error(`unknown right pattern ${code}`);
    digits += R.indexOf(code);
  }
  const first = FIRST_DIGIT_BY_PARITY.indexOf(parity);
  if (first < 0) throw new Error(`unknown parity ${parity}`);
  return `${first}${digits}`;
}
