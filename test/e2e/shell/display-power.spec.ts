import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startChromiumShell, type ChromiumShell } from '../../../core/chromium/index.ts';
import { forwardingPorts, headlessPorts, type ShellPorts } from '../../../core/ports.ts';
import { simulatedClock } from '../../../core/util/clock.ts';
import type { Heartbeat } from '../../../playlists/schemas/reports.ts';
import { startOrigin, type Origin } from '../../fixtures/core-origin.ts';
import { next, publisher, startPlayer, type Started } from '../../fixtures/core-harness.ts';
import { playlistJson, signPlaylist } from '../../fixtures/core-signing.ts';
import { startReportServer, type ReportServer } from './report-server.ts';
import { startXvfb, type VirtualScreen } from './xvfb.ts';

// Display power end to end: a real core following a signed playlist whose
// operating hours end and begin again within seconds, switching the panel
// through the real `xset` / `cec-client` command lines. Debian's Xvfb has no
// DPMS extension (`xset q`: "Server does not have the DPMS Extension", and
// `xset dpms force off` is refused), so `xset` here is a fake first on PATH
// that records its calls and answers `xset q` as a DPMS server would; likewise
// `cec-client` records the commands written to its stdin.

// The screen's clock: 21:59:40 in Hồ Chí Minh City, running at real speed; after
// STEP_MS of real time it jumps to 22:01:00. Open 06:00–22:00 and 22:01–06:00: so
// the hours end 20 s after start (time for Chromium to start on a loaded machine)
// and begin again STEP_MS after start.
const STEP_MS = 50_000;
const zoneDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const simStart = Date.parse(`${zoneDate}T21:59:40+07:00`);
const hours = [
  { start: '06:00', end: '22:00' },
  { start: '22:01', end: '06:00' },
];

const FAKE_XSET = `#!/bin/sh
# Records each switch; keeps the monitor's state as a DPMS server would.
dir="$(dirname "$0")"
[ "$*" = q ] || echo "DISPLAY=$DISPLAY $*" >> "$dir/xset.log"
case "$*" in
  *"force off"*) echo Off > "$dir/monitor" ;;
  *"force on"*) echo On > "$dir/monitor" ;;
  q) printf 'DPMS (Energy Star):\\n  Standby: 0    Suspend: 0    Off: 0\\n  DPMS is Enabled\\n  Monitor is %s\\n' "$(cat "$dir/monitor" 2>/dev/null || echo On)" ;;
esac
`;
const FAKE_CEC = `#!/bin/sh
# Records the arguments and every command cec-client reads from stdin.
dir="$(dirname "$0")"
while IFS= read -r line; do echo "$* | $line" >> "$dir/cec.log"; done
`;

let tools: string;
let screen: VirtualScreen;
let origin: Origin;
let reports: ReportServer;
const cleanups: (() => Promise<unknown> | undefined)[] = [];

const toolEnv = () => ({ ...process.env, DISPLAY: screen.display, PATH: `${tools}:${process.env.PATH ?? ''}` });

function xsetQuery(): Promise<string> {
  return new Promise((resolve, reject) => execFile('xset', ['q'], { env: toolEnv() }, (error, stdout) => (error ? reject(error) : resolve(stdout))));
}
const monitor = async () => /Monitor is (\w+)/.exec(await xsetQuery())?.[1];
const lines = async (file: string) => (await readFile(join(tools, file), 'utf8').catch(() => '')).split('\n').filter(Boolean);

/** A core on the simulated clock, following the short-hours playlist; `wakeMs` short so a wake ends within the test. */
async function startCore(ports: ShellPorts, power?: 'cec'): Promise<Started> {
  const value = playlistJson({ version: 1 });
  (value.schedule as { operatingHours?: unknown }).operatingHours = hours;
  origin.put('/c/playlist.json', signPlaylist(value, publisher), { type: 'application/json' });
  const clock = simulatedClock({ realEpochMs: Date.now(), simEpochMs: simStart, stepRealMs: STEP_MS, stepSimMs: 80_000 });
  // The report server answers with the real time; the screen's simulated evening must not be "corrected" to it.
  const config = { reportUrl: reports.url, wakeMs: 3_000, clockSkewThresholdMs: 2 * 86_400_000, ...(power ? { power } : {}) };
  const player = await startPlayer(origin, config, { ports, clock, env: toolEnv() });
  cleanups.push(() => player.cleanup());
  return player;
}

async function heartbeat(player: Started): Promise<Heartbeat> {
  const beat = next(player.core, 'heartbeat');
  await player.core.heartbeatNow();
  return beat;
}

async function wake(player: Started, id: string): Promise<string> {
  reports.queue({ id, name: 'wake' });
  await player.core.heartbeatNow();
  return (await reports.result(id)).body.toString();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  tools = await mkdtemp(join(tmpdir(), 'pano-power-tools-'));
  await writeFile(join(tools, 'xset'), FAKE_XSET);
  await writeFile(join(tools, 'cec-client'), FAKE_CEC);
  await Promise.all([chmod(join(tools, 'xset'), 0o755), chmod(join(tools, 'cec-client'), 0o755)]);
  screen = await startXvfb(640, 360);
  origin = await startOrigin();
  reports = await startReportServer();
});

test.afterAll(async () => {
  // Each step even if one before it failed: never leave Chromium or Xvfb behind.
  const failures: unknown[] = [];
  for (const step of [...cleanups.reverse(), () => reports?.close(), () => origin?.close(), () => screen?.stop(), () => rm(tools, { recursive: true, force: true })]) {
    await Promise.resolve().then(step).catch((error: unknown) => failures.push(error));
  }
  if (failures.length > 0) throw failures[0];
});

test('DPMS under the Chromium shell: off when the hours end, on when woken, off when the wake is up, on when they begin', async () => {
  test.setTimeout(120_000);
  let shell: ChromiumShell | null = null;
  const player = await startCore(forwardingPorts('chromium', () => shell));
  shell = await startChromiumShell({
    urls: [player.core.localUrl('main')],
    roles: ['main'],
    dataDir: player.dataDir,
    env: toolEnv(),
    log: () => undefined,
  });
  cleanups.push(() => shell?.stop());
  await shell.ready();

  // Inside the hours: the panel is switched on, DPMS's own timeouts zeroed (X would otherwise blank it).
  await expect.poll(() => lines('xset.log')).toEqual([`DISPLAY=${screen.display} dpms 0 0 0 dpms force on`]);
  expect(await monitor()).toBe('On');
  expect((await heartbeat(player)).displayPower).toMatchObject({ state: 'on', backend: 'dpms', lastError: null });

  // 22:00 on the screen's clock: off.
  await expect.poll(monitor, { timeout: 30_000 }).toBe('Off');
  expect((await lines('xset.log')).at(-1)).toBe(`DISPLAY=${screen.display} dpms force off`);
  const off = (await heartbeat(player)).displayPower;
  expect(off).toMatchObject({ state: 'off', backend: 'dpms' });
  expect(Date.parse(off!.since)).toBeGreaterThanOrEqual(simStart + 20_000);

  // Wake now: on for wakeMs (3 s), then off again, all before the hours begin.
  expect(JSON.parse(await wake(player, 'wake-dpms-01'))).toMatchObject({ ok: true, message: expect.stringMatching(/^on until /) });
  expect(await monitor()).toBe('On');
  expect((await heartbeat(player)).displayPower).toMatchObject({ state: 'on', wokenUntil: expect.any(String) });
  await expect.poll(monitor, { timeout: 10_000 }).toBe('Off');

  // 22:01: the hours begin, on again.
  await expect.poll(monitor, { timeout: STEP_MS }).toBe('On');
  expect((await lines('xset.log')).map((l) => l.replace(`DISPLAY=${screen.display} `, ''))).toEqual([
    'dpms 0 0 0 dpms force on',
    'dpms force off',
    'dpms 0 0 0 dpms force on',
    'dpms force off',
    'dpms 0 0 0 dpms force on',
  ]);
  expect((await heartbeat(player)).displayPower).toMatchObject({ state: 'on', backend: 'dpms' });
  expect(await lines('cec.log')).toEqual([]);
  await shell.stop();
  shell = null;
  await player.cleanup();
});

test('HDMI-CEC where the screen is set for it: cec-client gets standby 0 at closing, on 0 when woken', async () => {
  test.setTimeout(60_000);
  const before = (await lines('xset.log')).length;
  const player = await startCore(headlessPorts, 'cec');
  await expect.poll(() => lines('cec.log')).toEqual(['-s -d 1 | on 0']);
  await expect.poll(() => lines('cec.log'), { timeout: 30_000 }).toEqual(['-s -d 1 | on 0', '-s -d 1 | standby 0']);
  expect((await heartbeat(player)).displayPower).toMatchObject({ state: 'off', backend: 'cec', lastError: null });
  expect(JSON.parse(await wake(player, 'wake-cec-0001'))).toMatchObject({ ok: true });
  expect((await lines('cec.log')).at(-1)).toBe('-s -d 1 | on 0');
  expect((await heartbeat(player)).displayPower).toMatchObject({ state: 'on', backend: 'cec' });
  // CEC only: DPMS was not touched.
  expect((await lines('xset.log')).length).toBe(before);
});
