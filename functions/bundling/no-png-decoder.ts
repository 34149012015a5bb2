// Stands in for `@pdf-lib/upng` in the Lambda bundles (infra/constructs/bundle-aliases.ts): pdf-lib
// imports its PNG decoder (24 KB, and with it pako's inflate) for `embedPng`, which no function
// calls — the copy's QR is drawn as vector paths (copies/qr-vector.ts). Embedding a PNG fails loudly.

export class PngNotBundled extends Error {
  constructor() {
    super('PNG decoding is not in this bundle: draw the image as vectors or embed a JPEG');
    this.name = 'PngNotBundled';
  }
}

function refuse(): never {
  throw new PngNotBundled();
}

export default { decode: refuse, toRGBA8: refuse };
