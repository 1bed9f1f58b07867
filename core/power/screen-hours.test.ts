import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../playlists/base64.ts';
import { serializeEnvelope } from '../../playlists/dsse.ts';
import { parseUnknown } from '../../playlists/parse.ts';
import type { DeviceSettingsDocument } from '../../playlists/schemas/device-trust.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { makeRoot, signedPayload, testKey } from '../../playlists/trust.fixtures.ts';
import { fakeClock } from '../../test/fixtures/fake-clock.ts';
import { slidePlaylist } from '../../test/fixtures/slide-playlist.ts';
import { CoreConfig } from '../config.ts';
import { applyDeviceSettings } from '../sync/settings.ts';
import { DisplayPower } from './controller.ts';

const [R, H] = [testKey('hours-root'), testKey('hours-hub')];
const root = makeRoot({ root: [R], publishers: [H] });
root.keys[H.keyid] = { keytype: 'ed25519', public: encodeBase64(H.publicKey) };
root.roles.hub = { keyids: [H.keyid], threshold: 1 };

// The board's schedule keeps the screen open 06:00–22:00 in Hồ Chí Minh City.
const playlist = slidePlaylist({ channel: 'museum', operatingHours: [{ start: '06:00', end: '22:00' }] });

/** The push event's data: the hub-signed settings envelope as a JSON string. */
function settingsEvent(version: number, operatingHours?: DeviceSettingsDocument['operatingHours']): string {
  const doc: DeviceSettingsDocument = {
    type: 'device-settings',
    deviceId: 'screen-1',
    version,
    issuedAt: '2026-12-04T10:00:00Z',
    tags: [],
    timeZone: 'Asia/Ho_Chi_Minh',
    displays: [{ id: 'main', orientation: 'landscape', touch: false }],
    ...(operatingHours ? { operatingHours } : {}),
  };
  return JSON.stringify(serializeEnvelope(signedPayload(new TextEncoder().encode(JSON.stringify(doc)), [H], PAYLOAD_TYPES.deviceSettings)));
}

let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the screen\'s own hours from its signed settings', () => {
  it('switch the panel off inside the schedule\'s hours, and on again once cleared', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pano-hours-'));
    let cfg = parseUnknown(CoreConfig, { dataDir: dir }, 'config');
    const f = fakeClock(Date.parse('2026-12-04T10:30:00Z')); // 17:30 in Hồ Chí Minh City: the schedule is open
    const calls: string[] = [];
    const p = new DisplayPower({
      clock: f.clock,
      backend: () => 'dpms',
      panelFor: () => async (on) => void calls.push(on ? 'on' : 'off'),
      playlist: () => playlist,
      now: f.now,
      timeZone: () => cfg.timeZone,
      screenHours: () => cfg.operatingHours,
      display: () => ({ id: 'main', orientation: 'landscape' }),
      wakeMs: 60_000,
      changed: () => {},
      failed: () => {},
    });
    const stop = p.start();
    const settle = () => new Promise<void>((r) => setImmediate(r));
    /** Fires the controller's timers until the clock reaches `iso`. */
    const runTo = async (iso: string) => {
      while (f.now() < Date.parse(iso) && f.fire() !== null) await settle();
      f.set(Math.max(f.now(), Date.parse(iso)));
    };
    await settle();
    expect(p.state().state).toBe('on');

    // The museum closes at 17:00: a new settings document (as the core applies a push event) turns the panel off at once.
    const apply = async (data: string) => {
      cfg = parseUnknown(CoreConfig, { ...cfg, ...(await applyDeviceSettings(data, { root, deviceId: 'screen-1', dataDir: dir, appliedVersion: cfg.settingsVersion })) }, 'applied');
      p.check();
      await settle();
    };
    await apply(settingsEvent(2, [{ start: '08:00', end: '17:00' }]));
    expect(cfg.operatingHours).toEqual([{ start: '08:00', end: '17:00' }]);
    expect(p.state().state).toBe('off');
    // Kept for a restart.
    expect(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')).operatingHours).toEqual([{ start: '08:00', end: '17:00' }]);
    // The schedule opens at 06:00, the screen at 08:00 (01:00Z): the later of the two lights it.
    await runTo('2026-12-04T23:30:00Z'); // 06:30 local
    expect(p.state().state).toBe('off');
    await runTo('2026-12-05T01:00:00Z');
    await settle();
    expect(p.state().state).toBe('on');

    // At 18:00 local the panel is off again; a document without hours clears them and the panel comes back.
    await runTo('2026-12-05T11:00:00Z');
    await settle();
    expect(p.state().state).toBe('off');
    await apply(settingsEvent(3));
    expect(cfg.operatingHours).toBeUndefined();
    expect(p.state().state).toBe('on');
    expect(calls).toEqual(['on', 'off', 'on', 'off', 'on']);
    stop();
  });
});
