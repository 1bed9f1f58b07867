/**
 * The fonts bundled with the player: one family per script, all from
 * Debian's Noto packages, subset by `npm run fonts` (build/fonts/build-fonts.ts).
 * Pure data, shared by the build script, the CSS and the glyph-coverage test.
 */

const NOTO = '/usr/share/fonts/truetype/noto';
const NOTO_CJK = '/usr/share/fonts/opentype/noto';

export interface FontFace {
  family: string;
  weight: 400 | 700;
  /** Output file in renderer/fonts/files/. */
  file: string;
  /** Source font from fonts-noto-core / fonts-noto-cjk. */
  source: string;
  /** Index in a .ttc collection. */
  fontNumber?: number;
  /** Code point ranges always kept, besides the demo content and UI texts. */
  ranges: readonly string[];
  /** Extra "common" set for CJK, by legacy national charset (see build.ts). */
  common?: 'gb2312' | 'jis0208' | 'ksx1001';
}

const ASCII_PUNCT = ['U+0020-007E', 'U+00A0-00BF', 'U+2010-2027', 'U+2030-203A', 'U+25CC'];
const LATIN = [...ASCII_PUNCT, 'U+00C0-024F', 'U+0300-0323', 'U+1EA0-1EF9', 'U+20AB-20AC', 'U+2122', 'U+2190-2193', 'U+2212'];

const pair = (family: string, slug: string, src: string, ranges: readonly string[]): FontFace[] => [
  { family, weight: 400, file: `pano-${slug}-400.woff2`, source: `${NOTO}/${src}-Regular.ttf`, ranges },
  { family, weight: 700, file: `pano-${slug}-700.woff2`, source: `${NOTO}/${src}-Bold.ttf`, ranges },
];

/** CJK in one weight only: bold is synthesised, which halves the largest files. */
const cjk = (family: string, slug: string, fontNumber: number, common: FontFace['common']): FontFace => ({
  family,
  weight: 400,
  file: `pano-${slug}-400.woff2`,
  source: `${NOTO_CJK}/NotoSansCJK-Regular.ttc`,
  fontNumber,
  ranges: [...ASCII_PUNCT, 'U+3000-303F', 'U+FF01-FF5E'],
  common,
});

export const FONT_FACES: readonly FontFace[] = [
  ...pair('Pano Latin', 'latin', 'NotoSans', LATIN),
  ...pair('Pano Thai', 'thai', 'NotoSansThai', [...ASCII_PUNCT, 'U+0E00-0E7F']),
  ...pair('Pano Khmer', 'khmer', 'NotoSansKhmer', [...ASCII_PUNCT, 'U+1780-17FF', 'U+19E0-19FF']),
  ...pair('Pano Lao', 'lao', 'NotoSansLao', [...ASCII_PUNCT, 'U+0E80-0EFF']),
  ...pair('Pano Myanmar', 'myanmar', 'NotoSansMyanmar', [...ASCII_PUNCT, 'U+1000-109F', 'U+AA60-AA7F']),
  cjk('Pano SC', 'sc', 2, 'gb2312'),
  cjk('Pano JP', 'jp', 0, 'jis0208'),
  cjk('Pano KR', 'kr', 1, 'ksx1001'),
];

const SCRIPTS = ['Pano Thai', 'Pano Khmer', 'Pano Lao', 'Pano Myanmar'];

/**
 * The font-family stack for a language: Latin first (digits and punctuation
 * look the same everywhere), then the language's own CJK variant before the
 * others, so 日 is drawn the Japanese way in Japanese and the Chinese way in
 * Chinese. `sans-serif` last only for operator text beyond the subsets.
 */
export function fontStack(lang: string | undefined): string[] {
  const base = (lang ?? '').split('-')[0];
  const han = base === 'ja' ? ['Pano JP', 'Pano SC', 'Pano KR'] : base === 'ko' ? ['Pano KR', 'Pano SC', 'Pano JP'] : ['Pano SC', 'Pano JP', 'Pano KR'];
  return ['Pano Latin', ...SCRIPTS, ...han, 'sans-serif'];
}

export const FONT_FAMILIES: readonly string[] = [...new Set(FONT_FACES.map((f) => f.family))];
