import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with an ES `export default`: under nodenext the default import is the module object.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as unknown as Decode;

/** The text of the QR code in a PNG screenshot, or undefined when none decodes. */
export function decodeQr(screenshot: Buffer): string | undefined {
  const png = PNG.sync.read(screenshot);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}
