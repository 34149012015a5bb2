import jsQR from 'jsqr';

// Reading a copy's QR on the /verify page: from the camera, a photo, or the PDF itself. The browser's
// own BarcodeDetector where it has one (Chrome on Android and macOS), jsQR (a maintained pure-JS
// decoder) everywhere else.

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource | ImageData): Promise<DetectedBarcode[]>;
}
declare const BarcodeDetector:
  | ((new (options: {
      formats: string[];
    }) => BarcodeDetectorLike) & {
      getSupportedFormats(): Promise<string[]>;
    })
  | undefined;

let detector: Promise<BarcodeDetectorLike | undefined> | undefined;

function nativeDetector(): Promise<BarcodeDetectorLike | undefined> {
  detector ??= (async () => {
    if (typeof BarcodeDetector === 'undefined') return undefined;
    try {
      const formats = await BarcodeDetector.getSupportedFormats();
      return formats.includes('qr_code') ? new BarcodeDetector({ formats: ['qr_code'] }) : undefined;
    } catch {
      return undefined;
    }
  })();
  return detector;
}

/** The text of the first QR code in the picture, or undefined. */
async function decodePicture(canvas: HTMLCanvasElement): Promise<string | undefined> {
  const native = await nativeDetector();
  if (native) {
    const found = await native.detect(canvas).catch(() => []);
    if (found[0]?.rawValue) return found[0].rawValue;
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return undefined;
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(image.data, image.width, image.height)?.data;
}

// Phone photos are large; a QR needs far fewer pixels than 12 megapixels to be read.
const MAX_SIDE = 1600;

/** A photo (or screenshot) of a copy's QR. */
export async function readQrFromImage(file: Blob): Promise<string | undefined> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return decodePicture(canvas);
}

const EMBEDDED_QR = /\/DocshareQr\s*\((DS1:[0-9A-Z $%*+\-./:]{10,4000})\)/;

/**
 * A copy's PDF carries its QR's text in the document info (/DocshareQr, signed with the rest), so
 * the QR is read from the file without rendering it.
 */
export async function readQrFromPdf(file: Blob): Promise<string | undefined> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Latin-1: every byte one character, and the text sought is ASCII.
  const text = Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
  return EMBEDDED_QR.exec(text)?.[1];
}

/** Reads frames from the camera until a DS1 QR shows up; `stop()` ends it and frees the camera. */
export async function scanWithCamera(
  video: HTMLVideoElement,
  found: (text: string) => void,
): Promise<{ stop(): void }> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment' },
    audio: false,
  });
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  await video.play();
  const canvas = document.createElement('canvas');
  let running = true;
  const stop = () => {
    running = false;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  const tick = async () => {
    if (!running) return;
    if (video.videoWidth > 0) {
      const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      canvas
        .getContext('2d', { willReadFrequently: true })
        ?.drawImage(video, 0, 0, canvas.width, canvas.height);
      const text = await decodePicture(canvas);
      if (text?.startsWith('DS1:')) {
        stop();
        found(text);
        return;
      }
    }
    setTimeout(tick, 200);
  };
  void tick();
  return { stop };
}
