import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { parseUnknown } from '../../../playlists/parse.ts';
import { startXvfb, type VirtualScreen } from '../shell/xvfb.ts';
import { chromiumsOf, ROOT, startDemo, type Demo } from './demo-process.ts';

/**
 * The README's first command, for real: `npm start` on fresh data, with the
 * system Chromium as the screen (under Xvfb). The hub's API must show the
 * local player online and playing the demo channel on both its displays (the
 * signage loop and the touch kiosk); Ctrl+C must stop it all; a second start
 * must reuse the same data.
 */

test.describe.configure({ mode: 'serial' });

let screen: VirtualScreen;
let data: string;
let running: Demo | undefined;

test.beforeAll(async () => {
  screen = await startXvfb(1280, 720);
  data = await mkdtemp(join(tmpdir(), 'pano-demo-'));
});

test.afterAll(async () => {
  const proc = running?.proc;
  if (proc?.pid && proc.exitCode === null && proc.signalCode === null) process.kill(-proc.pid, 'SIGKILL');
  await screen?.stop();
  await rm(data, { recursive: true, force: true });
});

const DeviceList = z.object({
  devices: z.array(
    z.object({
      displays: z.array(z.object({ id: z.string(), touch: z.boolean() })),
      heartbeat: z.object({ displays: z.array(z.object({ id: z.string() })) }).nullable(),
    }),
  ),
});

const FleetNow = z.object({
  devices: z.array(
    z.object({
      online: z.boolean(),
      playlist: z.object({ channel: z.string(), version: z.number() }).nullable(),
      nowPlaying: z.array(z.object({ display: z.string(), zone: z.string(), title: z.unknown() })),
    }),
  ),
});

const LOGIN = /Studio: +(http:\/\/\S+)\s+login: (\S+) \/ (\S+)/;
let firstLogin = '';

test('npm start runs the demo: hub, published channel, paired player on two displays, clean stop', async ({ page }) => {
  test.setTimeout(360_000);
  const demo = (running = startDemo(data, screen.display, ['--shell', 'chromium']));

  const [login, dashboard, username, password] = await demo.waitForLine(LOGIN, 240_000); // makes 17 media files with ffmpeg and builds the studio first
  firstLogin = `${username} / ${password}`;
  await demo.waitForLine(/published channel ca-mau-demo/, 10_000);
  await demo.waitForLine(/paired the local player/, 60_000);
  await demo.waitForLine(/player adopted ca-mau-demo v1/, 60_000);
  expect(demo.output()).toMatch(/Player:\s+\S+\s+\(display main\)/);
  expect(demo.output()).toMatch(/Player:\s+\S+\s+\(display kiosk, touch kiosk\)/);
  expect(login).toBeTruthy();

  // The operator's session, through the same API the studio uses (its pages have their own tests in test/e2e/studio/).
  const signIn = await page.request.post(`${dashboard}/api/login`, { data: { username, password } });
  expect(signIn.status()).toBe(200);
  // A heartbeat every 15 s in the demo: online, on the channel, playing something the operator can name.
  await expect(async () => {
    const fleet = parseUnknown(FleetNow, await (await page.request.get(`${dashboard}/api/devices`)).json(), 'fleet');
    expect(fleet.devices[0]).toMatchObject({ online: true, playlist: { channel: 'ca-mau-demo', version: 1 } });
    expect(fleet.devices[0]!.nowPlaying.map((p) => p.display)[0]).toBe('main');
    expect(fleet.devices[0]!.nowPlaying.filter((p) => p.zone === 'main').every((p) => p.title !== null)).toBe(true);
  }).toPass({ timeout: 90_000, intervals: [2_000] });

  // One Chromium per display, and the player's heartbeat reports both windows (the shell measures each over DevTools).
  expect(chromiumsOf(data, 'browsers').sort()).toEqual([join(data, 'player', 'chromium', 'kiosk'), join(data, 'player', 'chromium', 'main')]);
  await expect(async () => {
    const list = parseUnknown(DeviceList, await (await page.request.get(`${dashboard}/api/devices`)).json(), 'device list');
    expect(list.devices).toHaveLength(1);
    expect(list.devices[0]!.displays).toEqual([
      { id: 'main', touch: false },
      { id: 'kiosk', touch: true },
    ]);
    expect(list.devices[0]!.heartbeat?.displays.map((d) => d.id)).toEqual(['main', 'kiosk']);
  }).toPass({ timeout: 60_000, intervals: [2_000] });

  const status = await demo.stop();
  expect(status).toBe(0);
  expect(demo.output()).toContain('[demo] stopped');
  expect(demo.output()).not.toMatch(/\[demo\] (?!.*stopping).*(Error|failed)/);
  // Ctrl+C closed every window: no kiosk Chromium outlives the demo.
  expect(chromiumsOf(data, 'all')).toEqual([]);
});

test('a second npm start reuses the same data: same login, the channel not published again, the screen not paired again', async () => {
  test.setTimeout(180_000);
  expect(firstLogin).not.toBe(''); // the first test ran
  const demo = (running = startDemo(data, screen.display, ['--shell', 'none']));
  const [, , username, password] = await demo.waitForLine(LOGIN, 120_000);
  expect(`${username} / ${password}`).toBe(firstLogin);
  // start.ts compares the bundled draft with the hub's and publishes only when it changed.
  expect(demo.output()).toContain('channel ca-mau-demo v1 is already published');
  expect(demo.output()).not.toMatch(/published channel ca-mau-demo|making .*\.(mp4|webm|jpg|png)/);
  expect(await demo.stop()).toBe(0);
  expect(demo.output()).toContain('[demo] stopped');
  // Already paired: the stored credentials were used, no pairing code was shown or confirmed.
  expect(demo.output()).not.toContain('paired the local player');
});

test('npm start -- --help exits 0 and explains every option', () => {
  const help = spawnSync('npm', ['start', '--silent', '--', '--help'], { cwd: ROOT, encoding: 'utf8' });
  expect(help.status).toBe(0);
  for (const option of ['--data DIR', '--port N', '--shell KIND', '--reset', '--help']) expect(help.stdout).toContain(option);
  expect(help.stdout).toMatch(/kiosk/);
});
