/**
 * Regenerates renderer/fonts/files/*.woff2 and fonts.css: each Noto font from
 * Debian's packages (fonts-noto-core, fonts-noto-cjk), subset with fontTools'
 * pyftsubset (Debian: fonttools, python3-brotli) to its script's ranges plus
 * every character of the demo content and UI texts; CJK fonts also keep a
 * common set (GB2312 level 1, JIS X 0208 level 1, KS X 1001 hangul).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FONT_FACES, type FontFace } from '../../renderer/fonts/catalog.ts';
import { fontsCss } from '../../renderer/fonts/css.ts';
import { demoCodePoints, FONT_FILES_DIR, FONTS_DIR } from './demo-text.ts';

/** Characters of a legacy double-byte charset: rows × cells decoded with the WHATWG decoder. */
function doubleByte(encoding: string, rows: [number, number][], cells: [number, number] = [0xa1, 0xfe]): number[] {
  const decoder = new TextDecoder(encoding);
  const out: number[] = [];
  for (const [from, to] of rows) {
    for (let row = from; row <= to; row++) {
      for (let cell = cells[0]; cell <= cells[1]; cell++) {
        const cp = decoder.decode(new Uint8Array([row, cell])).codePointAt(0)!;
        if (cp !== 0xfffd && cp > 0x7f) out.push(cp);
      }
    }
  }
  return out;
}

/** Symbols rows plus the most common ideographs / syllables of each national standard. */
function commonSet(common: NonNullable<FontFace['common']>): number[] {
  switch (common) {
    case 'gb2312':
      return doubleByte('gbk', [[0xa1, 0xa9], [0xb0, 0xd7]]); // symbols, kana, level-1 hanzi (3,755)
    case 'jis0208':
      return doubleByte('euc-jp', [[0xa1, 0xa8], [0xb0, 0xcf]]); // symbols, kana, level-1 kanji (2,965)
    case 'ksx1001':
      return doubleByte('euc-kr', [[0xa1, 0xa3], [0xb0, 0xc8]]); // symbols, hangul (2,350)
  }
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

function subset(face: FontFace, demo: Set<number>, work: string): void {
  const codes = new Set<number>(demo);
  if (face.common) for (const cp of commonSet(face.common)) codes.add(cp);
  const list = join(work, `${face.file}.txt`);
  writeFileSync(list, [...face.ranges, ...[...codes].map(hex)].join('\n'));
  execFileSync(
    'pyftsubset',
    [
      face.source,
      ...(face.fontNumber === undefined ? [] : [`--font-number=${face.fontNumber}`]),
      `--unicodes-file=${list}`,
      `--output-file=${join(FONT_FILES_DIR, face.file)}`,
      '--flavor=woff2',
      '--layout-features=*', // Thai, Khmer, Lao and Myanmar need their shaping features
      '--no-hinting',
      '--desubroutinize',
      '--name-IDs=0,1,2,3,4,5,6', // keep the copyright and licence pointers
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

function main(): void {
  const demo = demoCodePoints();
  const work = mkdtempSync(join(tmpdir(), 'pano-fonts-'));
  try {
    for (const old of readdirSync(FONT_FILES_DIR)) if (old.endsWith('.woff2')) unlinkSync(join(FONT_FILES_DIR, old));
    let total = 0;
    for (const face of FONT_FACES) {
      subset(face, demo, work);
      const size = statSync(join(FONT_FILES_DIR, face.file)).size;
      total += size;
      console.log(`${face.file.padEnd(24)} ${(size / 1024).toFixed(0).padStart(6)} KiB`);
    }
    writeFileSync(join(FONTS_DIR, 'fonts.css'), fontsCss());
    console.log(`total ${(total / 1024 / 1024).toFixed(2)} MiB for ${demo.size} demo characters`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
