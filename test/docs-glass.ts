#!/usr/bin/env node
/**
 * `npm run docs:glass -- TAG`: what X shows on the glass, for docs/images/glass-TAG-*.png.
 * The demo (`npm start -- --shell none`, fresh data) on two 1920×1080 displays side
 * by side under Xvfb, shown by the real Chromium shell, the X pointer parked in
 * the middle of the signage display as a mouse left there would be. Every picture
 * is one `ffmpeg -f x11grab` of the X screen (not a page render), cropped to one
 * display, taken once the page shows what the picture is about (item current and
 * faded in, fonts loaded, pictures decoded), never after a fixed time:
 *   signage    the main display while a 16:9 clip plays
 *   fact-card  the main display on the fact card (its smallest text, across a hall)
 *   kiosk      the kiosk's attract loop with its "tap to begin" badge
 *   kiosk-en   the kiosk's home menu after a visitor picked English
 *   emergency  the main display taken over by an emergency (Vietnamese and English)
 * The script imports only what the first commits of issue 15 already had, so the
 * same file run from an older checkout makes the "before" pictures.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChromiumShell, type CdpSession, type ChromiumShell } from '../core/chromium/index.ts';
import { startXvfb } from './e2e/shell/xvfb.ts';

const W = 1920;
const H = 1080;
const tag = process.argv[2] ?? 'after';
const out = (name: string) => join(import.meta.dirname, '..', 'docs', 'images', `glass-${tag}-${name}.png`);

const screen = await startXvfb(W * 2, H);
const env = { ...process.env, DISPLAY: screen.display };
const data = await mkdtemp(join(tmpdir(), 'pano-glass-docs-'));
// The e2e tests' demo media, where made already (npm start checks them and makes only what is missing).
const made = join(import.meta.dirname, 'fixtures', 'demo-media');
if (existsSync(made)) await cp(made, join(data, 'media'), { recursive: true });
const demo = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(import.meta.dirname, '..', 'cli', 'start.ts'), '--data', data, '--port', '0', '--shell', 'none'], { stdio: ['ignore', 'pipe', 'inherit'] });
let shell: ChromiumShell | undefined;
try {
  let text = '';
  const line = (re: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = re.exec(text);
        if (m) resolve(m);
      };
      check();
      demo.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        check();
      });
      demo.once('exit', () => reject(new Error(`the demo exited:\n${text}`)));
    });
  const [, main] = await line(/Player:\s+(\S+)\s+\(display main\)/);
  const [, kiosk] = await line(/Player:\s+(\S+)\s+\(display kiosk/);
  const [, hub, user, password] = await line(/Studio: +(http:\/\/\S+)\s+login: (\S+) \/ (\S+)/);
  await line(/player adopted ca-mau-demo/);

  shell = await startChromiumShell({
    urls: [main!, kiosk!],
    roles: ['main', 'kiosk'],
    dataDir: join(data, 'shell'),
    env,
    log: () => undefined,
    monitors: Promise.resolve([
      { x: 0, y: 0, width: W, height: H },
      { x: W, y: 0, width: W, height: H },
    ]),
  });
  await shell.ready();
  // A mouse left in the middle of the signage screen: X draws its pointer there unless the page hides it.
  execFileSync('xdotool', ['mousemove', String(W / 2), String(H / 2)], { env });
  const sessions: Record<'main' | 'kiosk', CdpSession> = { main: await shell.session('main'), kiosk: await shell.session('kiosk') };

  async function evaluate(role: 'main' | 'kiosk', expression: string): Promise<unknown> {
    const answer = (await sessions[role].send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, 60_000)) as { result?: { value?: unknown } };
    return answer.result?.value;
  }
  /** Polls a page expression until it is true (every 200 ms, at most `ms`). */
  async function until(role: 'main' | 'kiosk', expression: string, what: string, ms = 120_000): Promise<void> {
    const end = Date.now() + ms;
    // A page busy for a while (a loaded machine) answers late: wait on, until the deadline.
    while (!(await evaluate(role, expression).catch(() => false))) {
      if (Date.now() > end) throw new Error(`${role}: never saw ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const SETTLED = `document.fonts.ready.then(() => Promise.all([...document.images].map((i) => i.decode().catch(() => 0)))).then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))`;
  /** The item is current in the main zone, fully faded in, nothing leaving. */
  const current = (item: string) =>
    `(() => { const el = document.querySelector('[data-item=${JSON.stringify(item)}][data-state="current"]'); return !!el && getComputedStyle(el).opacity === '1' && !document.querySelector('[data-state="leaving"]'); })()`;

  /** The tourism clip (16:9, subtitled) a second in, under the ticker's text. */
  const playing = `${current('promo-tourism')} && document.querySelector('[data-item="promo-tourism"][data-state="current"] video')?.currentTime > 1 && document.querySelector('.ticker')?.textContent.length > 0`;

  /** One x11grab of the X screen, cropped to one display. */
  function grab(role: 'main' | 'kiosk', name: string): Promise<void> {
    console.log(`grabbing ${name}`);
    const x = role === 'main' ? 0 : W;
    return new Promise((resolve, reject) =>
      execFile('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'x11grab', '-video_size', `${W * 2}x${H}`, '-i', screen.display, '-frames:v', '1', '-vf', `crop=${W}:${H}:${x}:0`, out(name)], { env }, (e) => (e ? reject(e) : resolve())),
    );
  }
  async function tap(selector: string): Promise<void> {
    const [x, y] = (await evaluate('kiosk', `(() => { const e = document.querySelector(${JSON.stringify(selector)}); e.scrollIntoView({ block: 'nearest' }); const b = e.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`)) as [number, number];
    await sessions.kiosk.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    await sessions.kiosk.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  // The kiosk's attract loop with its badge, while a clip with subtitles plays under it.
  await until('kiosk', `!!document.querySelector('.pano-attract-target') && ${playing}`, 'the tourism clip under the badge', 180_000);
  await evaluate('kiosk', SETTLED);
  await grab('kiosk', 'kiosk');
  // The signage loop: a 16:9 clip, then the fact card.
  await until('main', playing, 'the tourism clip playing', 180_000);
  await grab('main', 'signage');
  await until('main', current('facts-province'), 'the fact card', 180_000);
  await evaluate('main', SETTLED);
  await grab('main', 'fact-card');

  // A visitor taps the kiosk open and picks English.
  await tap('.pano-attract-target');
  await until('kiosk', `!!document.querySelector('[data-section]')`, 'the home menu');
  await tap('[data-testid="kiosk-language"]');
  await until('kiosk', `!!document.querySelector('[data-lang="en"]')`, 'the language picker');
  await tap('[data-lang="en"]');
  await until('kiosk', `document.documentElement.querySelector('[data-section]') && !document.querySelector('[data-testid="kiosk-languages"]') && /Explore/.test(document.body.innerText)`, 'the menu in English');
  await evaluate('kiosk', SETTLED);
  await grab('kiosk', 'kiosk-en');

  // An approver takes every screen over (fields the hub of that checkout accepts; an older hub refuses the English ones).
  const login = await fetch(`${hub}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password }) });
  const headers = { cookie: (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '', 'x-csrf-token': ((await login.json()) as { csrf: string }).csrf, 'content-type': 'application/json' };
  const alert = { title: 'Bão số 9 đổ bộ: không ra khơi', message: 'Tàu thuyền vào nơi tránh trú an toàn trước 18:00. Gọi 112 khi cần cứu hộ.' };
  const english = { titleEn: 'Typhoon No. 9 landfall: do not go to sea', messageEn: 'Boats must reach safe shelter by 18:00. Call 112 for rescue.', icon: 'storm' };
  const source = await readFile(join(import.meta.dirname, '..', 'playlists', 'schemas', 'operator-api.ts'), 'utf8');
  const body = /titleEn/.test(source) ? { ...alert, ...english } : alert;
  const started = await fetch(`${hub}/api/emergency`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!started.ok) throw new Error(`emergency: ${started.status} ${await started.text()}`);
  await until('main', `document.body.innerText.includes('Bão số 9') && !document.querySelector('[data-state="leaving"]')`, 'the emergency');
  await evaluate('main', SETTLED);
  await grab('main', 'emergency');
} finally {
  // Also when a step failed: no Chromium, demo or Xvfb outlives the script.
  await shell?.stop().catch(() => undefined);
  demo.kill('SIGINT');
  if (demo.exitCode === null) await new Promise((r) => demo.once('exit', r));
  await screen.stop();
  await rm(data, { recursive: true, force: true });
}
console.log(`saved docs/images/glass-${tag}-{signage,fact-card,kiosk,kiosk-en,emergency}.png`);
