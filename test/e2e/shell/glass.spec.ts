import { execFile, execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { startChromiumShell, type CdpSession, type ChromiumShell } from '../../../core/chromium/index.ts';
import { captureScreenshot } from '../../../core/chromium/devtools.ts';
import { labelBand } from '../../../core/chromium/x11-grab.ts';
import { parseUnknown } from '../../../playlists/parse.ts';
import { demoDataWithMedia, ROOT, startDemo, type Demo } from '../demo/demo-process.ts';
import { KIOSK_LANGUAGES } from '../../../playlists/schemas/kiosk.ts';
import { measureBadge, measureKioskFit } from '../kiosk/fit-measure.ts';
import { foreignPixels, type Comparison, type Region } from './glass-compare.ts';
import { startXvfb, type VirtualScreen } from './xvfb.ts';

/**
 * Looks at the glass: the demo (`npm start`, its hub and player) on two
 * displays side by side on one X screen, shown by the real Chromium shell,
 * while the test grabs the X screen through the shell's screenshot command
 * and compares each display with the page's own render. Nothing but Pano may
 * be on it: no translate bubble, no pointer, no scrollbar, over a whole loop
 * of the signage screen and a visit of every kiosk page.
 */
const WIDTH = 1280;
const HEIGHT = 720;
const ROLES = ['main', 'kiosk'] as const;
type Role = (typeof ROLES)[number];
const BAND = labelBand(HEIGHT);

test.describe.configure({ mode: 'serial' });

let screen: VirtualScreen;
let data: string;
let demo: Demo | undefined;
let shell: ChromiumShell | undefined;
let kioskUrl = '';
const sessions = {} as Record<Role, CdpSession>;

interface Tally {
  samples: number;
  /** Samples where the page moved on (a new item, a fade) between its two renders: nothing to judge. */
  skipped: number;
  ms: number;
  checked: number;
  foreign: number;
  seen: Uint8Array;
  problems: string[];
}
const tally: Record<Role, Tally> = {
  main: { samples: 0, skipped: 0, ms: 0, checked: 0, foreign: 0, seen: new Uint8Array(WIDTH * HEIGHT), problems: [] },
  kiosk: { samples: 0, skipped: 0, ms: 0, checked: 0, foreign: 0, seen: new Uint8Array(WIDTH * HEIGHT), problems: [] },
};

test.beforeAll(async () => {
  test.setTimeout(420_000);
  screen = await startXvfb(WIDTH * 2, HEIGHT);
  data = await demoDataWithMedia('pano-glass-');
  demo = startDemo(data, undefined, ['--shell', 'none']);
  const [, main] = await demo.waitForLine(/Player:\s+(\S+)\s+\(display main\)/, 200_000);
  const [, kiosk] = await demo.waitForLine(/Player:\s+(\S+)\s+\(display kiosk/, 10_000);
  await demo.waitForLine(/player adopted ca-mau-demo/, 60_000);
  kioskUrl = kiosk!;
  shell = await startChromiumShell({
    urls: [main!, kiosk!],
    roles: [...ROLES],
    dataDir: join(data, 'glass-shell'),
    env: { ...process.env, DISPLAY: screen.display },
    log: () => undefined,
    // Two monitors side by side, as xrandr reports them on a two-screen PC.
    monitors: Promise.resolve([
      { x: 0, y: 0, width: WIDTH, height: HEIGHT },
      { x: WIDTH, y: 0, width: WIDTH, height: HEIGHT },
    ]),
  });
  await shell.ready();
  for (const role of ROLES) sessions[role] = await shell.session(role);
});

test.afterAll(async () => {
  const steps: Array<() => Promise<unknown> | undefined> = [() => shell?.stop(), () => demo?.stop(), () => screen?.stop(), () => rm(data, { recursive: true, force: true })];
  for (const step of steps) await Promise.resolve().then(step).catch(() => undefined);
});

const Evaluated = z.looseObject({ result: z.looseObject({ value: z.unknown().optional() }) });
async function evaluate<T>(role: Role, expression: string): Promise<T> {
  return parseUnknown(Evaluated, await sessions[role].send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }), 'evaluate').result.value as T;
}

/** Fonts loaded, pictures decoded, two frames drawn: what a visitor sees once a view has appeared. */
const settled = (role: Role) =>
  evaluate(role, `document.fonts.ready.then(() => Promise.all([...document.images].map((i) => i.decode().catch(() => 0)))).then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))`);

/**
 * The page's own render, with the browser's scrollbars left out: a scrollbar
 * Chromium draws is part of its render, but not of Pano's page. (No-op when
 * the page has none, which is what this test expects.)
 */
async function pageRender(role: Role): Promise<PNG> {
  const session = sessions[role];
  await session.send('Emulation.setScrollbarsHidden', { hidden: true });
  try {
    return PNG.sync.read(Buffer.from(await captureScreenshot(session)));
  } finally {
    await session.send('Emulation.setScrollbarsHidden', { hidden: false });
  }
}

/**
 * What the page shows, as the page knows it: the items in every slot and
 * their state (prepared, current, leaving), the kiosk's view and scroll.
 * When it differs before and after a grab, the grab cannot be judged.
 */
const PAGE_STATE = `JSON.stringify([
  [...document.querySelectorAll('[data-state="current"], [data-state="leaving"]')].map((e) => e.dataset.item + ':' + e.dataset.state),
  document.querySelector('.pano-page')?.dataset.page ?? null,
  document.querySelector('.pano-kiosk-main')?.scrollTop ?? null,
  document.querySelectorAll('.pano-overlay, [data-testid="map-card"], [data-step]').length,
  document.querySelector('[data-step]')?.dataset.step ?? null,
])`;

/** The whole X screen as ffmpeg's x11grab sees it (the pointer drawn as X shows it), raw RGB: no encoding between the two renders. */
function grabX(): Promise<Region> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffmpeg',
      ['-loglevel', 'error', '-f', 'x11grab', '-video_size', `${2 * WIDTH}x${HEIGHT}`, '-i', screen.display, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve({ data: stdout, width: 2 * WIDTH, channels: 3, x: 0, y: 0 })),
    );
  });
}

/** The shell's screenshot command: every display under its name band, as one PNG. */
async function screenshotCommand(): Promise<Region> {
  const png = PNG.sync.read(Buffer.from(await shell!.screenshot()));
  expect([png.width, png.height]).toEqual([WIDTH, 2 * (HEIGHT + BAND)]);
  return { data: png.data, width: png.width, channels: 4, x: 0, y: 0 };
}

/** Where a display is in a grab: side by side in a raw X grab, stacked under name bands in the screenshot command's PNG. */
const placeOf = (glass: Region, i: number): Region =>
  glass.channels === 3 ? { ...glass, x: i * WIDTH, y: 0 } : { ...glass, x: 0, y: i * (HEIGHT + BAND) + BAND };

/** One grab of the glass between two page renders of each display; every foreign pixel is recorded with where it was. */
async function sample(label: string, grab: () => Promise<Region> = grabX): Promise<Partial<Record<Role, Comparison>>> {
  const started = performance.now();
  const stateBefore = await Promise.all(ROLES.map((role) => evaluate<string>(role, PAGE_STATE)));
  const before = await Promise.all(ROLES.map(pageRender));
  const glass = await grab();
  const after = await Promise.all(ROLES.map(pageRender));
  const stateAfter = await Promise.all(ROLES.map((role) => evaluate<string>(role, PAGE_STATE)));
  const out: Partial<Record<Role, Comparison>> = {};
  for (const [i, role] of ROLES.entries()) {
    const t = tally[role];
    t.ms += performance.now() - started;
    if (stateBefore[i] !== stateAfter[i]) {
      t.skipped += 1;
      continue;
    }
    const result = foreignPixels(before[i]!, placeOf(glass, i), after[i]!, t.seen);
    t.samples += 1;
    t.checked += result.checked;
    t.foreign += result.foreign;
    if (result.foreign > 0) {
      const file = test.info().outputPath(`foreign-${role}-${t.samples}.png`);
      const rgba = glass.channels === 4 ? glass.data : rgbToRgba(glass.data);
      const png = new PNG({ width: glass.width, height: rgba.length / 4 / glass.width });
      png.data = Buffer.from(rgba);
      await writeFile(file, PNG.sync.write(png));
      await writeFile(file.replace(/\.png$/, '-render-before.png'), PNG.sync.write(before[i]!));
      await writeFile(file.replace(/\.png$/, '-render-after.png'), PNG.sync.write(after[i]!));
      t.problems.push(`${label}: ${result.foreign} foreign pixels in ${JSON.stringify(result.box)} (grab: ${file})`);
    }
    out[role] = result;
  }
  return out;
}

function rgbToRgba(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array((rgb.length / 3) * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) out.set([rgb[i]!, rgb[i + 1]!, rgb[i + 2]!, 255], j);
  return out;
}

const coverage = (t: Tally) => t.seen.reduce((n, v) => n + v, 0) / t.seen.length;

function report(role: Role): string {
  const t = tally[role];
  return `${role}: ${t.samples} grabs judged (${t.skipped} more where the page moved on meanwhile), ${(t.checked / 1e6).toFixed(1)} M pixels compared, ${(100 * coverage(t)).toFixed(1)} % of the display checked at least once, ${t.foreign} foreign pixels (${Math.round(t.ms / (t.samples + t.skipped))} ms a grab)`;
}

async function tap(role: Role, selector: string): Promise<void> {
  const centre = await evaluate<[number, number] | null>(
    role,
    `(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null; e.scrollIntoView({ block: 'nearest' }); const b = e.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`,
  );
  expect(centre, `${selector} on ${role}`).not.toBeNull();
  const [x, y] = centre!;
  await sessions[role].send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await sessions[role].send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** The X pointer where a passer-by's mouse (or none) leaves it: the middle of a display. */
function pointerTo(role: Role): void {
  const x = ROLES.indexOf(role) * WIDTH + WIDTH / 2;
  execFileSync('xdotool', ['mousemove', String(x), String(HEIGHT / 2)], { env: { ...process.env, DISPLAY: screen.display } });
}

async function shown(role: Role, selector: string): Promise<void> {
  await expect.poll(() => evaluate<boolean>(role, `document.querySelector(${JSON.stringify(selector)}) !== null`), { timeout: 15_000 }).toBe(true);
  await settled(role);
}

const Draft = z.looseObject({
  sequences: z.record(z.string(), z.looseObject({ items: z.array(z.string()) })),
  schedule: z.looseObject({
    fallback: z.looseObject({ content: z.looseObject({ main: z.string() }) }),
    entries: z.array(z.looseObject({ id: z.string(), content: z.looseObject({ main: z.string() }) })),
  }),
});

test('a full loop of the signage screen and the kiosk\'s attract loop: nothing but the page on the glass', async () => {
  test.setTimeout(300_000);
  const draft = parseUnknown(Draft, JSON.parse(await readFile(join(ROOT, 'cli', 'demo', 'ca-mau-demo.draft.json'), 'utf8')), 'demo draft');
  await expect.poll(() => evaluate<string | null>('main', `document.querySelector('[data-plan]')?.dataset.plan ?? null`), { timeout: 60_000 }).not.toBeNull();
  const entry = await evaluate<string>('main', `document.querySelector('[data-plan]').dataset.plan`);
  const sequence = draft.sequences[draft.schedule.entries.find((e) => e.id === entry)?.content.main ?? draft.schedule.fallback.content.main]!.items;
  pointerTo('main');
  const seen = new Set<string>();
  // Until every item of the loop has been on screen during a grab (a video, a still, each template).
  while (!sequence.every((id) => seen.has(id))) {
    const current = await evaluate<string[]>('main', `[...document.querySelectorAll('[data-zone="main"] [data-state="current"]')].map((e) => e.dataset.item)`);
    const judged = await sample(`loop, ${current.join(' ')}`);
    if (judged.main) for (const id of current) seen.add(id);
  }
  console.log(`glass, signage loop (${sequence.join(', ')}): ${report('main')}`);
  expect(tally.main.problems).toEqual([]);
  expect(tally.kiosk.problems).toEqual([]);
});

test('a visit of every kiosk page, the language picker, the quiz and the map: nothing but the page on the glass', async () => {
  test.setTimeout(300_000);
  pointerTo('kiosk');
  await tap('kiosk', '.pano-attract-target');
  await shown('kiosk', '[data-testid="kiosk-home-view"]');
  // The screenshot command (what a hub asks for) shows the same glass: each display under its name.
  const viaCommand = await sample('kiosk home, screenshot command', screenshotCommand);
  expect(viaCommand.kiosk?.checked).toBeGreaterThan(0.8 * WIDTH * HEIGHT);
  const sections = await evaluate<string[]>('kiosk', `[...document.querySelectorAll('[data-section]')].map((e) => e.dataset.section)`);
  expect(sections.length).toBeGreaterThan(0);
  for (const section of sections) {
    await tap('kiosk', `[data-section="${section}"]`);
    await shown('kiosk', '.pano-page');
    // The page's top, and its end where it scrolls.
    await sample(`kiosk page ${section}, top`);
    const scrolled = await evaluate<boolean>('kiosk', `(() => { const m = document.querySelector('.pano-kiosk-main'); m.scrollTop = m.scrollHeight; return m.scrollTop > 0; })()`);
    if (scrolled) await sample(`kiosk page ${section}, end`);
    if (section === 'explore') {
      await tap('kiosk', '[data-point="cape"]');
      await shown('kiosk', '[data-testid="map-card"]');
      await sample('kiosk map card');
    }
    if (section === 'asean') {
      await tap('kiosk', '[data-testid="quiz-start"]');
      await shown('kiosk', '.pano-quiz-question');
      await sample('kiosk quiz');
    }
    await tap('kiosk', '[data-testid="kiosk-home"]');
    await shown('kiosk', '[data-testid="kiosk-home-view"]');
  }
  await tap('kiosk', '[data-testid="kiosk-language"]');
  await shown('kiosk', '[data-testid="kiosk-languages"]');
  await sample('kiosk language picker');
  await tap('kiosk', '[data-lang="en"]');
  await shown('kiosk', '.pano-kiosk[lang="en"]');
  await sample('kiosk home in English');
  console.log(`glass, kiosk visit (${sections.length} pages): ${report('kiosk')}`);
  console.log(`glass, both tests: ${report('main')}`);
  expect(tally.kiosk.problems).toEqual([]);
  expect(tally.main.problems).toEqual([]);
  // Over the loop and the visit, every part of each display was still long enough to be judged.
  expect(coverage(tally.main)).toBeGreaterThan(0.8);
  expect(coverage(tally.kiosk)).toBeGreaterThan(0.8);
});

test('control: a pointer the page did not hide is caught as foreign pixels where X shows it', async () => {
  // The kiosk page asks for an arrow, and a mouse event reaches it: X draws the arrow at the pointer, the page's render has none.
  await evaluate('kiosk', `(() => { const s = document.createElement('style'); s.id = 'control'; s.textContent = '#root * { cursor: default !important }'; document.head.append(s); })()`);
  await sessions.kiosk.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: WIDTH / 2, y: HEIGHT / 2 });
  const problems = tally.kiosk.problems.length;
  // The kiosk's home is still; the signage loop may move on during the grab (then it is not judged).
  const result = await sample('control: visible pointer');
  expect(result.kiosk?.foreign).toBeGreaterThan(20);
  expect(result.kiosk!.box!.left).toBeGreaterThanOrEqual(WIDTH / 2 - 2);
  expect(result.kiosk!.box!.top).toBeGreaterThanOrEqual(HEIGHT / 2 - 2);
  expect(result.kiosk!.box!.right).toBeLessThan(WIDTH / 2 + 40);
  expect(result.main?.foreign ?? 0).toBe(0);
  tally.kiosk.problems.splice(problems);
  await evaluate('kiosk', `document.getElementById('control').remove()`);
});

/**
 * Kiosk fits, on the demo's own kiosk display (the real player, its attract
 * loop and pages): every view in every language at three screen sizes, in one
 * browser page resized between sizes (fit-measure.ts walks the views in the page).
 */
test('kiosk fits: every page, all 13 languages, at 1920×1080, 1080×1920 and 1366×768', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(kioskUrl);
  const problems: string[] = [];
  let views = 0;
  for (const size of [{ width: 1920, height: 1080 }, { width: 1080, height: 1920 }, { width: 1366, height: 768 }]) {
    await page.setViewportSize(size);
    // Back on the attract loop, which plays under the badge.
    await page.locator('.pano-attract-target').waitFor({ timeout: 60_000 });
    await page.locator('[data-zone="main"] [data-state="current"]').first().waitFor();
    problems.push(...(await page.evaluate(measureBadge)).map((p) => `${size.width}×${size.height} attract loop: ${p}`));
    await page.locator('.pano-attract-target').tap();
    await page.getByTestId('kiosk-home-view').waitFor();
    for (const lang of KIOSK_LANGUAGES) {
      const result = await page.evaluate(measureKioskFit, lang);
      views += result.views;
      problems.push(...result.problems.map((p) => `${size.width}×${size.height} ${p}`));
    }
    // Leave the visit as the idle timeout would: reload returns to the attract loop.
    await page.reload();
  }
  console.log(`kiosk fit: ${views} views measured (${KIOSK_LANGUAGES.length} languages × 3 sizes), ${problems.length} problems`);
  expect(problems).toEqual([]);
  await context.close();
});
