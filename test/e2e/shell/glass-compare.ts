import type { PNG } from 'pngjs';

/**
 * Foreign pixels: what the X screen shows that the page did not render.
 * The page moves (videos, the ticker, fades), so one grab is compared with
 * two page renders taken just before and just after it: a pixel is checked
 * only where the two renders agree around it (the page was still there),
 * and it is foreign where the grab differs from them. A translate bubble, a pointer or
 * a desktop scrollbar drawn over a still part of the page shows up at once;
 * over a full loop every part of the screen is still at some moment.
 */
/** A display's area inside a grab of the whole X screen (RGBA from a PNG, or RGB from ffmpeg's rawvideo). */
export interface Region {
  data: Uint8Array;
  width: number;
  /** Bytes per pixel: 4 (RGBA) or 3 (RGB). */
  channels: 3 | 4;
  /** Where the display's image starts. */
  x: number;
  y: number;
}

export interface Comparison {
  /** Pixels where the page was still, so the grab could be judged. */
  checked: number;
  foreign: number;
  /** Bounding box of the foreign pixels, when there are any. */
  box: { left: number; top: number; right: number; bottom: number } | null;
}

/** Still-page tolerance (two renders of the same frame are identical) and the grab's (X vs the render's colour path). */
const STILL = 4;
const SAME = 40;
/**
 * Motion is judged in blocks, and a block counts as moving when any block
 * within MARGIN of it changed: a ticker glyph can pass through a pixel between
 * the two renders and leave it the same in both, but not a whole neighbourhood.
 */
const BLOCK = 16;
const MARGIN = 2;

function channelDistance(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  return Math.max(Math.abs(a[i]! - b[j]!), Math.abs(a[i + 1]! - b[j + 1]!), Math.abs(a[i + 2]! - b[j + 2]!));
}

/** Blocks (row-major, BLOCK px square) where the page was still between the two renders, moving ones grown by MARGIN. */
function stillBlocks(before: PNG, after: PNG, width: number, height: number): { still: Uint8Array; columns: number } {
  const columns = Math.ceil(width / BLOCK);
  const rows = Math.ceil(height / BLOCK);
  const moved = new Uint8Array(columns * rows);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (channelDistance(before.data, (y * before.width + x) * 4, after.data, (y * after.width + x) * 4) > STILL) {
        moved[Math.floor(y / BLOCK) * columns + Math.floor(x / BLOCK)] = 1;
      }
    }
  }
  const still = new Uint8Array(columns * rows).fill(1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (!moved[r * columns + c]) continue;
      for (let rr = Math.max(0, r - MARGIN); rr <= Math.min(rows - 1, r + MARGIN); rr++) {
        for (let cc = Math.max(0, c - MARGIN); cc <= Math.min(columns - 1, c + MARGIN); cc++) still[rr * columns + cc] = 0;
      }
    }
  }
  return { still, columns };
}

/**
 * Compares `grab` (a display's area inside a larger grab) with the page's
 * renders before and after it. `seen` (width × height, one byte a pixel)
 * collects which pixels were ever checked, for the coverage figure.
 */
export function foreignPixels(before: PNG, grab: Region, after: PNG, seen?: Uint8Array): Comparison {
  const width = Math.min(before.width, after.width);
  const height = Math.min(before.height, after.height);
  const { still, columns } = stillBlocks(before, after, width, height);
  let checked = 0;
  let foreign = 0;
  let box: Comparison['box'] = null;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!still[Math.floor(y / BLOCK) * columns + Math.floor(x / BLOCK)]) continue;
      checked += 1;
      if (seen) seen[y * width + x] = 1;
      const p = (y * before.width + x) * 4;
      const g = ((y + grab.y) * grab.width + x + grab.x) * grab.channels;
      if (channelDistance(before.data, p, grab.data, g) <= SAME) continue;
      foreign += 1;
      box = box
        ? { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) }
        : { left: x, top: y, right: x, bottom: y };
    }
  }
  return { checked, foreign, box };
}
