import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { parseUnknown } from '../../../playlists/parse.ts';
import { startXvfb, type VirtualScreen } from '../shell/xvfb.ts';
import { login, opJson, type Session } from '../hub/helpers.ts';
import { chromiumsOf, ROOT, startDemo, type Demo } from './demo-process.ts';

/**
 * The README's first command, for real: `npm start` on fresh data, with the
 * system Chromium as the screen (under Xvfb). The hub's API must show the
 * local player online and playing the demo channel on both its displays (the
 * signage loop and the touch kiosk); Ctrl+C must stop it all; a second start
 * must reuse the same data, and leave alone what operators published.
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
      lastHeartbeatAt: z.string().nullable(),
      playlist: z.object({ channel: z.string().nullable(), version: z.number().nullable(), title: z.string().nullable() }).nullable(),
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
  await demo.waitForLine(/paired the local player \(code (\S+)\)/, 60_000);
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

/** The hub as its operators see it: the demo channel's version and draft, and the audit log (newest first). */
const ChannelNow = z.object({ version: z.number(), draft: z.record(z.string(), z.unknown()) });
const AuditLog = z.object({ entries: z.array(z.object({ at: z.string(), username: z.string(), action: z.string(), detail: z.string() })) });
async function hubView(url: string, admin: Session) {
  const channel = parseUnknown(ChannelNow, await opJson(url, admin, 'GET', '/api/channels/ca-mau-demo'), 'channel');
  const audit = parseUnknown(AuditLog, await opJson(url, admin, 'GET', '/api/audit?limit=1000'), 'audit log').entries;
  return { version: channel.version, draft: channel.draft, audit };
}

/** Another screen asking this hub to pair: `pano player --hub`, as a technician starts one on a new PC. */
function foreignPlayer(hubUrl: string, dataDir: string) {
  const proc = spawn(process.execPath, [join(ROOT, 'cli', 'pano.js'), 'player', '--hub', hubUrl, '--shell', 'none', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  return {
    output: () => out,
    /** The last phase it printed, e.g. "phase pairing: enter code 7KC-Q9P at …". */
    phase: () => out.split('\n').filter((l) => l.startsWith('phase')).at(-1) ?? '',
    code: async () => {
      await expect.poll(() => /enter code (\S+)/.exec(out)?.[1], { timeout: 60_000 }).toBeTruthy();
      return /enter code (\S+)/.exec(out)![1]!;
    },
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

const V2_TITLE = 'Cà Mau — kênh của Sở (bản 2)';
const STAFF_PASSWORD = 'mật khẩu đủ dài 2026';

test('the demo is a guest: it pairs no other screen, leaves what operators published through a restart, and without a display says so in one line', async () => {
  test.setTimeout(420_000);
  expect(firstLogin).not.toBe(''); // the first test ran
  const [username, password] = firstLogin.split(' / ') as [string, string];

  // A second start, while a screen elsewhere asks this hub to pair.
  let demo = (running = startDemo(data, screen.display, ['--shell', 'none', '--port', String(port)]));
  const [, dashboard] = await demo.waitForLine(LOGIN, 120_000);
  const hub = dashboard!;
  await demo.waitForLine(/channel ca-mau-demo v1 is on the hub: the demo leaves it as it is/, 10_000);
  const foreign = foreignPlayer(hub, join(data, 'foreign'));
  await foreign.code();
  const askedAt = Date.now();

  // The admin adds an editor and an approver; the editor submits v2, the approver publishes it (the studio's calls).
  let admin = await login(hub, username, password);
  const before = await hubView(hub, admin);
  expect(before.version).toBe(1);
  for (const [name, role] of [['lan', 'editor'], ['minh', 'approver']] as const) await opJson(hub, admin, 'POST', '/api/users', { username: name, role, password: STAFF_PASSWORD });
  const editor = await login(hub, 'lan', STAFF_PASSWORD);
  await opJson(hub, editor, 'PUT', '/api/channels/ca-mau-demo/draft', { draft: { ...before.draft, title: V2_TITLE }, submit: true });
  const approver = await login(hub, 'minh', STAFF_PASSWORD);
  expect(await opJson(hub, approver, 'POST', '/api/channels/ca-mau-demo/publish')).toMatchObject({ channel: 'ca-mau-demo', version: 2 });
  // The demo's own player takes v2 (the hub pushes it).
  await demo.waitForLine(/player adopted ca-mau-demo v2/, 60_000);

  // Run for time: the demo looks for its own player's code twice a second; ten seconds after the other
  // screen asked are twenty chances to confirm the wrong one (before, it confirmed every code waiting).
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, askedAt + 10_000 - Date.now())));
  expect(foreign.phase()).toMatch(/^phase pairing: enter code/);
  expect(foreign.output()).not.toMatch(/adopted/);
  expect(parseUnknown(DeviceList, await opJson(hub, admin, 'GET', '/api/devices'), 'device list').devices).toHaveLength(1);
  await foreign.stop();
  const published = await hubView(hub, admin);
  expect(published.version).toBe(2);
  // All that is new in the log is the operators' own: no upload, submit, publish or pairing by the demo's "admin".
  const added = published.audit.slice(0, published.audit.length - before.audit.length).reverse();
  expect(added.map((e) => `${e.username} ${e.action} ${e.detail}`)).toEqual([
    'admin user-create lan (editor)',
    'admin user-create minh (approver)',
    'lan submit channel ca-mau-demo',
    expect.stringMatching(/^minh publish channel ca-mau-demo v2 /),
  ]);
  expect(demo.output()).not.toMatch(/paired the local player|published channel|making /);
  expect(await demo.stop()).toBe(0);

  // Ctrl+C and `npm start` again with the same data, windows and all, as anyone would.
  const restartedAt = Date.now();
  demo = running = startDemo(data, screen.display, ['--shell', 'chromium', '--port', String(port)]);
  await demo.waitForLine(LOGIN, 120_000);
  await demo.waitForLine(/channel ca-mau-demo v2 is on the hub: the demo leaves it as it is/, 10_000);
  admin = await login(hub, username, password);
  // The screen, back in its two windows, says in a heartbeat sent after the restart that it plays v2.
  await expect(async () => {
    const fleet = parseUnknown(FleetNow, await opJson(hub, admin, 'GET', '/api/devices'), 'fleet');
    expect(fleet.devices).toHaveLength(1);
    expect(fleet.devices[0]).toMatchObject({ online: true, playlist: { channel: 'ca-mau-demo', version: 2, title: V2_TITLE } });
    expect(Date.parse(fleet.devices[0]!.lastHeartbeatAt ?? '')).toBeGreaterThan(restartedAt);
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  expect(chromiumsOf(data, 'browsers')).toHaveLength(2);
  const restarted = await hubView(hub, admin);
  expect(restarted.version).toBe(2);
  expect(restarted.audit).toEqual(published.audit);
  expect(demo.output()).not.toMatch(/paired the local player|published channel|making |player adopted ca-mau-demo v3/);
  expect(await demo.stop()).toBe(0);
  expect(chromiumsOf(data, 'all')).toEqual([]);

  // Restarted without a display (and without --shell): one line says so, the player URLs are printed, no window.
  demo = running = startDemo(data, undefined, ['--port', String(port)]);
  // The banner's last line: the Shell line comes after the Player lines, maybe in a later chunk of output.
  await demo.waitForLine(/Stop with Ctrl\+C\./, 120_000);
  const notices = demo.output().split('\n').filter((l) => /no display/.test(l) && !/Shell:/.test(l));
  expect(notices).toEqual(['[demo] no display here (neither DISPLAY nor WAYLAND_DISPLAY is set): no window; open the player URLs below in any browser']);
  expect(demo.output()).toMatch(/Shell:\s+none \(no display here/);
  expect(demo.output()).toMatch(/Player:\s+http:\/\/\S+\s+\(display main\)/);
  expect(demo.output()).toContain('channel ca-mau-demo v2 is on the hub: the demo leaves it as it is');
  const headless = await hubView(hub, await login(hub, username, password));
  expect(headless.version).toBe(2);
  expect(headless.audit).toEqual(published.audit);
  expect(await demo.stop()).toBe(0);
  // Chromium was never started, so never restarted: no shell line, no "platform failed".
  expect(demo.output()).not.toMatch(/\[shell\]|platform failed/);
  expect(chromiumsOf(data, 'all')).toEqual([]);
});

test('npm start -- --help exits 0 and explains every option', () => {
  const help = spawnSync('npm', ['start', '--silent', '--', '--help'], { cwd: ROOT, encoding: 'utf8' });
  expect(help.status).toBe(0);
  for (const option of ['--data DIR', '--port N', '--shell KIND', '--reset', '--help']) expect(help.stdout).toContain(option);
  expect(help.stdout).toMatch(/kiosk/);
});
