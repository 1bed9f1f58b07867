/**
 * The studio's monospace font for the JSON view: DejaVu Sans Mono (Debian's
 * fonts-dejavu-core, on every machine) subset to ASCII, Latin-1, Latin
 * Extended and Vietnamese with its combining marks, so "bắt đầu" keeps its
 * marks on the right letters whatever the operator's system fonts are.
 * Run by hand (`node build/fonts/build-studio-mono.ts`); the output is committed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const SOURCE = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
const OUT = join(import.meta.dirname, '..', '..', 'studio', 'fonts', 'pano-mono-400.woff2');
const RANGES = 'U+0020-007E,U+00A0-00FF,U+0100-024F,U+0300-0323,U+1EA0-1EF9,U+2010-2027,U+2190-2193,U+20AB';

execFileSync('pyftsubset', [SOURCE, `--unicodes=${RANGES}`, `--output-file=${OUT}`, '--flavor=woff2', '--layout-features=*', '--no-hinting', '--name-IDs=0,1,2,3,4,5,6'], {
  stdio: 'inherit',
});
console.log(`wrote ${OUT}`);
