/** Every character the bundled fonts must cover: demo content, example playlists, UI texts (for `npm run fonts` and the coverage test). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES } from '../../renderer/i18n/ui.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** JSON files whose texts must render with the bundled fonts: the example playlists, the demo channel and the kiosk test playlist. */
export const DEMO_CONTENT_DIRS = ['playlists/examples', 'cli/demo', 'test/e2e/kiosk/fixtures'];

function strings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
}

/** Every string in the demo content (ids and URLs too: they are ASCII) and every UI text, per source. */
export function demoTexts(): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  for (const dir of DEMO_CONTENT_DIRS) {
    let names: string[];
    try {
      names = readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.json'));
    } catch {
      continue; // the kiosk fixtures folder may not exist in a partial checkout
    }
    for (const name of names) {
      const out: string[] = [];
      strings(JSON.parse(readFileSync(join(ROOT, dir, name), 'utf8')), out);
      sources.set(`${dir}/${name}`, out);
    }
  }
  for (const [lang, messages] of Object.entries(MESSAGES)) sources.set(`ui:${lang}`, Object.values(messages));
  return sources;
}

/** Characters that are not drawn: line breaks, tabs, joiners and selectors. */
export function isInvisible(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff;
}

/** The set of visible code points in all demo texts. */
export function demoCodePoints(): Set<number> {
  const set = new Set<number>();
  for (const texts of demoTexts().values()) {
    for (const text of texts) for (const ch of text) if (!isInvisible(ch.codePointAt(0)!)) set.add(ch.codePointAt(0)!);
  }
  return set;
}

/** The renderer's bundled fonts (renderer/fonts), written by build-fonts.ts. */
export const FONTS_DIR = join(ROOT, 'renderer', 'fonts');
export const FONT_FILES_DIR = join(FONTS_DIR, 'files');
