import { PNG } from 'pngjs';

export interface Pixels {
  width: number;
  height: number;
  at(x: number, y: number): [number, number, number];
  /** Share of pixels that are not (near) black. */
  nonBlackShare(): number;
  /** Share of pixels with the colour `expected(x, y)` gives for them. */
  matchShare(expected: (x: number, y: number) => readonly number[]): number;
}

/** `top` rows are skipped (the name band over a shell screenshot). */
export function decodePng(bytes: Uint8Array, top = 0): Pixels {
  const decoded = PNG.sync.read(Buffer.from(bytes));
  const png = { width: decoded.width, height: decoded.height - top, data: decoded.data };
  const at = (x: number, y: number): [number, number, number] => {
    const i = (png.width * (y + top) + x) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  };
  return {
    width: png.width,
    height: png.height,
    at,
    nonBlackShare() {
      let lit = 0;
      let total = 0;
      for (let y = 0; y < png.height; y += 8) {
        for (let x = 0; x < png.width; x += 8) {
          total += 1;
          if (Math.max(...at(x, y)) > 24) lit += 1;
        }
      }
      return lit / total;
    },
    matchShare(expected) {
      let same = 0;
      let total = 0;
      for (let y = 4; y < png.height; y += 8) {
        for (let x = 4; x < png.width; x += 8) {
          total += 1;
          if (near(at(x, y), expected(x, y))) same += 1;
        }
      }
      return same / total;
    },
  };
}

/** Whether two colours are the same within compression/colour-management noise. */
export function near(a: readonly number[], b: readonly number[], tolerance = 12): boolean {
  return a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
}
