import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { parseUnknown } from '../../../playlists/parse.ts';
import { startXvfb, type VirtualScreen } from '../shell/xvfb.ts';
import { HubClient } from '../../../cli/demo/hub-client.ts';
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

let port = 0;

test.beforeAll(async () => {
  screen = await startXvfb(1280, 720);
  data = await mkdtemp(join(tmpdir(), 'pano-demo-'));
  // One port for every start, as the default 8080 would be: the paired player keeps reaching its hub.
  port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
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
  const demo = (running = startDemo(data, screen.display, ['--shell', 'chromium', '--port', String(port)]));

  const [login, dashboard, username, password] = await demo.waitForLine(LOGIN, 240_000); // makes 17 media files with ffmpeg and builds the studio first
  firstLogin = `${username} / ${password}`;
  await demo.waitForLine(/published channel ca-mau-demo/, 10_000);
  const [, ownCode] = await demo.waitForLine(/paired the local player \(code (\S+)\)/, 60_000);
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

  // Another screen asking this hub to pair is not the demo's: it waits for an operator, as on any hub.
  const foreign = spawn(process.execPath, [join(ROOT, 'cli', 'pano.js'), 'player', '--hub', dashboard!, '--shell', 'none', '--data', join(data, 'foreign')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let foreignOut = '';
  foreign.stdout.on('data', (d: Buffer) => (foreignOut += d.toString()));
  await expect.poll(() => /enter code (\S+)/.exec(foreignOut)?.[1], { timeout: 30_000 }).toBeTruthy();
  const foreignCode = /enter code (\S+)/.exec(foreignOut)![1]!;
  expect(foreignCode).not.toBe(ownCode);
  // Run for time: the demo looks at pairing codes twice a second; ten seconds is twenty chances to take the wrong one.
  await new Promise((r) => setTimeout(r, 10_000));
  const list = parseUnknown(DeviceList, await (await page.request.get(`${dashboard}/api/devices`)).json(), 'device list');
  expect(list.devices).toHaveLength(1);
  // Still showing its code: never paired, never given a playlist.
  expect(foreignOut.split('\n').filter((l) => l.startsWith('phase')).at(-1)).toMatch(/^phase pairing: enter code/);
  expect(foreignOut).not.toMatch(/adopted/);
  expect(demo.output().match(/paired the local player/g)).toHaveLength(1);
  foreign.kill('SIGTERM');
  await new Promise((r) => foreign.once('exit', r));

  const status = await demo.stop();
  expect(status).toBe(0);
  expect(demo.output()).toContain('[demo] stopped');
  expect(demo.output()).not.toMatch(/\[demo\] (?!.*stopping).*(Error|failed)/);
  // Ctrl+C closed every window: no kiosk Chromium outlives the demo.
  expect(chromiumsOf(data, 'all')).toEqual([]);
});

/** The hub's audit log and the channel's version, as an operator sees them. */
async function hubView(url: string, username: string, password: string) {
  const client = new HubClient(url);
  await client.login(username, password);
  const channel = await client.channel('ca-mau-demo');
  return { client, version: channel?.version ?? 0, audit: await client.audit() };
}

test('the demo is a guest: what operators publish survives a restart; without a display it says so in one line and runs headless', async () => {
  test.setTimeout(300_000);
  expect(firstLogin).not.toBe(''); // the first test ran
  const [username, password] = firstLogin.split(' / ') as [string, string];
  // A second start: same login, the channel (v1) left alone, the screen not paired again.
  let demo = (running = startDemo(data, screen.display, ['--shell', 'none', '--port', String(port)]));
  const [, dashboard] = await demo.waitForLine(LOGIN, 120_000);
  await demo.waitForLine(/channel ca-mau-demo v1 is on the hub: the demo leaves it as it is/, 10_000);
  expect(demo.output()).not.toMatch(/published channel ca-mau-demo|making .*\.(mp4|webm|jpg|png)/);

  // An operator publishes v2 through the hub, as from the studio.
  const before = await hubView(dashboard!, username, password);
  const channel = (await before.client.channel('ca-mau-demo'))!;
  await before.client.saveDraft('ca-mau-demo', { ...(channel.draft as Record<string, unknown>), title: 'Cà Mau — kênh của sở (v2)' });
  await before.client.publish('ca-mau-demo');
  const published = await hubView(dashboard!, username, password);
  expect(published.version).toBe(2);
  expect(await demo.stop()).toBe(0);
  expect(demo.output()).not.toContain('paired the local player');

  // Restarted without a display (and without --shell): one line says so, the player URLs are printed, no window.
  demo = running = startDemo(data, undefined, ['--port', String(port)]);
  await demo.waitForLine(/Player:\s+\S+\s+\(display kiosk/, 120_000);
  const notices = demo.output().split('\n').filter((l) => /no display/.test(l) && !/Shell:/.test(l));
  expect(notices).toEqual(['[demo] no display here (neither DISPLAY nor WAYLAND_DISPLAY is set): no window; open the player URLs below in any browser']);
  expect(demo.output()).toMatch(/Shell:\s+none \(no display here/);
  expect(demo.output()).toContain('channel ca-mau-demo v2 is on the hub: the demo leaves it as it is');
  const after = await hubView(dashboard!, username, password);
  expect(after.version).toBe(2);
  // Nothing new in the audit log: no submit, no publish, no upload by "admin" that nobody made.
  expect(after.audit).toEqual(published.audit);
  expect(await demo.stop()).toBe(0);
  expect(demo.output()).not.toMatch(/\[shell\]|platform failed/);
  expect(chromiumsOf(data, 'all')).toEqual([]);
});

test('npm start -- --help exits 0 and explains every option', () => {
  const help = spawnSync('npm', ['start', '--silent', '--', '--help'], { cwd: ROOT, encoding: 'utf8' });
  expect(help.status).toBe(0);
  for (const option of ['--data DIR', '--port N', '--shell KIND', '--reset', '--help']) expect(help.stdout).toContain(option);
  expect(help.stdout).toMatch(/kiosk/);
});
