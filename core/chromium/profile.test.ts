import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskFlags } from './flags.ts';
import { mergePreferences, writeKioskPreferences } from './profile.ts';

describe('kiosk profile and flags', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('turns translation off in the profile and keeps what Chromium stored there', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pano-profile-'));
    await mkdir(join(dir, 'Default'));
    await writeFile(join(dir, 'Default', 'Preferences'), JSON.stringify({ translate: { enabled: true, other: 1 }, browser: { window_placement: { left: 3 } }, profile: { exit_type: 'Crashed' } }));
    await writeKioskPreferences(dir);
    const prefs = JSON.parse(await readFile(join(dir, 'Default', 'Preferences'), 'utf8'));
    expect(prefs.translate).toEqual({ enabled: false, other: 1 });
    expect(prefs.browser.window_placement).toEqual({ left: 3 });
    expect(prefs.profile.exit_type).toBe('Normal');
  });

  it('writes a fresh profile, and replaces a torn Preferences file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pano-profile-'));
    await writeKioskPreferences(join(dir, 'new'));
    expect(JSON.parse(await readFile(join(dir, 'new', 'Default', 'Preferences'), 'utf8')).translate.enabled).toBe(false);
    await writeFile(join(dir, 'new', 'Default', 'Preferences'), '{"transl');
    await writeKioskPreferences(join(dir, 'new'));
    expect(JSON.parse(await readFile(join(dir, 'new', 'Default', 'Preferences'), 'utf8')).translate.enabled).toBe(false);
  });

  it('merges objects key by key and lets ours win on leaves', () => {
    expect(mergePreferences({ a: { b: 1, c: 2 }, d: [1] }, { a: { c: 3 }, d: [] })).toEqual({ a: { b: 1, c: 3 }, d: [] });
  });

  it('never throttles a covered window and hides scrollbars', () => {
    const flags = kioskFlags({ url: 'http://127.0.0.1:1/', userDataDir: '/x', runningAsRoot: false });
    for (const flag of ['--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--hide-scrollbars']) {
      expect(flags).toContain(flag);
    }
    expect(flags.at(-1)).toBe('--app=http://127.0.0.1:1/');
  });
});
