#!/usr/bin/env node
/**
 * `npm run docs:screenshots`: the README's pictures, from the real demo.
 * Runs `npm start -- --shell none` on fresh data, opens the player and the
 * dashboard in the system Chromium, and saves docs/images/demo-*.png.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium.ts';

const ROOT = join(import.meta.dirname, '..');
const data = await mkdtemp(join(tmpdir(), 'pano-shots-'));
const demo = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(ROOT, 'cli', 'start.ts'), '--data', data, '--port', '0', '--shell', 'none'], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const line = (re: RegExp) =>
  new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const m = re.exec(out);
      if (m) resolve(m);
      return m;
    };
    if (check()) return;
    demo.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      check();
    });
    demo.on('exit', () => reject(new Error(`demo exited:\n${out}`)));
  });

const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const [, dashboard, user, password] = await line(/Dashboard: (\S+)\s+login: (\S+) \/ (\S+)/);
  const [, player] = await line(/Player:\s+(\S+)/);
  await line(/player adopted/);
  const screen = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await screen.goto(player!);
  await screen.locator('[data-state="current"][data-item="headline-destination"]').waitFor({ timeout: 120_000 });
  await screen.waitForTimeout(1_200); // let the fade finish: a picture, not a test
  await screen.screenshot({ path: join(ROOT, 'docs', 'images', 'demo-player.png') });

  const ops = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await ops.goto(`${dashboard}/login`);
  await ops.getByLabel('Username').fill(user!);
  await ops.getByLabel('Password').fill(password!);
  await ops.getByRole('button', { name: 'Sign in' }).click();
  await ops.locator('tr[data-device] td.now-playing').filter({ hasNotText: '—' }).waitFor({ timeout: 60_000 });
  await ops.screenshot({ path: join(ROOT, 'docs', 'images', 'demo-dashboard.png') });
  console.log('wrote docs/images/demo-player.png and docs/images/demo-dashboard.png');
} finally {
  await browser.close();
  demo.kill('SIGINT');
  await new Promise((r) => demo.once('exit', r));
  await rm(data, { recursive: true, force: true });
}
