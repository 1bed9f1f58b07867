import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startXvfb, type VirtualScreen } from '../shell/xvfb.ts';

/**
 * The README's first command, for real: `npm start` on fresh data, with the
 * system Chromium as the screen (under Xvfb). The dashboard must show the
 * local player online and playing the demo channel; Ctrl+C must stop it all.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');

test.describe.configure({ mode: 'serial' });

let screen: VirtualScreen;
let data: string;
let demo: ChildProcess;
let output = '';

test.beforeAll(async () => {
  screen = await startXvfb(1280, 720);
  data = await mkdtemp(join(tmpdir(), 'pano-demo-'));
});

test.afterAll(async () => {
  if (demo?.pid && demo.exitCode === null && demo.signalCode === null) process.kill(-demo.pid, 'SIGKILL');
  await screen?.stop();
  await rm(data, { recursive: true, force: true });
});

function waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output);
      if (!match) return false;
      resolve(match);
      return true;
    };
    if (check()) return;
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
    demo.stdout?.on('data', () => check() && clearTimeout(timer));
    demo.on('exit', () => reject(new Error(`npm start exited early; output:\n${output}`)));
  });
}

test('npm start runs the demo: hub, published channel, paired player playing, clean stop', async ({ page }) => {
  test.setTimeout(240_000);
  demo = spawn('npm', ['start', '--', '--data', data, '--port', '0', '--shell', 'chromium'], {
    cwd: ROOT,
    env: { ...process.env, DISPLAY: screen.display },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so Ctrl+C can be sent to npm and the demo together, as a terminal does.
    detached: true,
  });
  demo.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  demo.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const [, dashboard, username, password] = await waitForLine(/Dashboard: (http:\/\/\S+)\s+login: (\S+) \/ (\S+)/, 180_000);
  await waitForLine(/paired the local player/, 60_000);
  await waitForLine(/player adopted ca-mau-demo v1/, 60_000);

  await page.goto(`${dashboard}/`);
  await page.getByLabel('Username').fill(username!);
  await page.getByLabel('Password').fill(password!);
  await page.getByRole('button', { name: /sign in/i }).click();

  const row = page.locator('tr[data-device]').first();
  // The fleet page refreshes itself; a heartbeat every 15 s in the demo.
  await expect(async () => {
    await page.reload();
    await expect(row.getByText('online')).toBeVisible();
    await expect(row.locator('td.playlist')).toContainText('ca-mau-demo v1');
    await expect(row.locator('td.now-playing')).not.toHaveText('—');
    await expect(row.locator('td.now-playing')).not.toHaveText('');
  }).toPass({ timeout: 90_000, intervals: [2_000] });

  const exited = new Promise<void>((resolve) => demo.once('exit', () => resolve()));
  process.kill(-demo.pid!, 'SIGINT');
  await exited;
  expect(output).toContain('[demo] stopped');
  expect(output).not.toMatch(/\[demo\] (?!.*stopping).*(Error|failed)/);
});
