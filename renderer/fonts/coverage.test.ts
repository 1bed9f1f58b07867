import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FONT_FACES, FONT_FAMILIES, fontStack } from './catalog.ts';
import { cmapTable, mappedCodePoints } from './cmap.ts';
import { fontsCss } from './css.ts';
import { demoTexts, FONT_FILES_DIR, isInvisible } from '../../build/fonts/demo-text.ts';

const covered = new Map<string, Set<number>>();
for (const face of FONT_FACES) {
  const bytes = new Uint8Array(readFileSync(join(FONT_FILES_DIR, face.file)));
  const cps = mappedCodePoints(cmapTable(bytes, (d) => new Uint8Array(brotliDecompressSync(d))));
  const family = covered.get(face.family);
  // A family covers a code point only if every weight has it (bold text must not fall back).
  covered.set(face.family, family ? new Set([...family].filter((cp) => cps.has(cp))) : cps);
}
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

describe('bundled fonts', () => {
  it('have a glyph for every character of the demo content and UI texts', () => {
    const stack = new Set(FONT_FAMILIES);
    const missing: string[] = [];
    for (const [source, texts] of demoTexts()) {
      for (const text of texts) {
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          if (isInvisible(cp) || ch === ' ') continue;
          if (![...stack].some((family) => covered.get(family)!.has(cp))) missing.push(`${source}: "${ch}" ${hex(cp)} in "${text.slice(0, 40)}"`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('cover each script with its own family (a Thai text is not rescued by a CJK font)', () => {
    const probes: [string, string][] = [
      ['Pano Latin', 'Mũi Cà Mau — Đất Mũi, ỹ ẵ ự'],
      ['Pano Thai', 'สำรวจก่าเมา'],
      ['Pano Khmer', 'ស្វែងយល់ពីកាម៉ៅ'],
      ['Pano Lao', 'ສຳຫຼວດກ່າເມົາ'],
      ['Pano Myanmar', 'ကာမောက်ကို စူးစမ်းပါ'],
      ['Pano SC', '探索金瓯，欢迎光临'],
      ['Pano JP', 'カマウを探索、ようこそ'],
      ['Pano KR', '까마우 탐험, 환영합니다'],
    ];
    for (const [family, text] of probes) {
      const lacking = [...text].filter((ch) => ch !== ' ' && !covered.get(family)!.has(ch.codePointAt(0)!));
      expect(lacking, family).toEqual([]);
    }
  });

  it('keep a common CJK set beyond the demo content', () => {
    expect(covered.get('Pano SC')!.size).toBeGreaterThan(4_000);
    expect(covered.get('Pano JP')!.size).toBeGreaterThan(3_500);
    expect(covered.get('Pano KR')!.size).toBeGreaterThan(2_500);
  });

  it('the cmap reader tells a covered character from a missing one', () => {
    expect(covered.get('Pano Thai')!.has(0x0e01)).toBe(true);
    expect(covered.get('Pano Thai')!.has(0x4e2d)).toBe(false);
    const ttf = new Uint8Array(readFileSync('/usr/share/fonts/truetype/noto/NotoSansLao-Regular.ttf'));
    const full = mappedCodePoints(cmapTable(ttf, () => { throw new Error('sfnt needs no Brotli'); }));
    expect(full.has(0x0ea5)).toBe(true);
    expect(full.has(0x0e01)).toBe(false);
  });

  it('stay small, and fonts.css matches the catalog', () => {
    const total = FONT_FACES.reduce((sum, f) => sum + statSync(join(FONT_FILES_DIR, f.file)).size, 0);
    expect(total).toBeLessThan(8 * 1024 * 1024);
    expect(readFileSync(join(import.meta.dirname, 'fonts.css'), 'utf8')).toBe(fontsCss());
    expect(fontStack('ja').indexOf('Pano JP')).toBeLessThan(fontStack('ja').indexOf('Pano SC'));
  });
});
