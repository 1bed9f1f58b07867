/**
 * The studio's monospace font for the JSON view: Noto Sans Mono (Debian's
 * fonts-noto-mono) subset to ASCII, Latin-1, Latin Extended and Vietnamese
 * with its combining marks, so "bắt đầu" keeps its marks on the right letters
 * whatever the operator's system fonts are. (DejaVu Sans Mono was tried first:
 * it lacks the precomposed Vietnamese letters U+1EA0–1EF9, and the browser's
 * fallback stacked the marks beside them: "băt́ đâù", seen in a grab.)
 * Run by hand (`npx node build/fonts/build-studio-mono.ts`; needs fonts-noto-mono
 * and fonttools); the output is committed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const SOURCE = '/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf';
const OUT = join(import.meta.dirname, '..', '..', 'studio', 'fonts', 'pano-mono-400.woff2');
const RANGES = 'U+0020-007E,U+00A0-00FF,U+0100-024F,U+0300-0323,U+1EA0-1EF9,U+2010-2027,U+2190-2193,U+20AB';

execFileSync('pyftsubset', [SOURCE, `--unicodes=${RANGES}`, `--output-file=${OUT}`, '--flavor=woff2', '--layout-features=*', '--no-hinting', '--name-IDs=0,1,2,3,4,5,6'], {
  stdio: 'inherit',
});
console.log(`wrote ${OUT}`);
