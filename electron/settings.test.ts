import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, updateFeedUrl } from './settings.ts';

describe('loadConfig', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  const dataDir = async (files: Record<string, string>) => {
    const dir = await mkdtemp(join(tmpdir(), 'pano-settings-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  };

  it('reads the same config.json as `pano player`, plus shell.json, with defaults', async () => {
    const dir = await dataDir({ 'config.json': JSON.stringify({ hubUrl: 'http://hub.local:8080', shell: 'auto', rootFile: 'root.json' }) });
    const config = await loadConfig('/unused', { PANO_DATA: dir });
    expect(config.core).toMatchObject({ dataDir: dir, hubUrl: 'http://hub.local:8080', rootFile: join(dir, 'root.json') });
    expect(config.shell.operatorExit).toBeUndefined();
    expect(config.shell.maintenanceWindow).toEqual({ start: '02:00', end: '05:00' });
    expect(updateFeedUrl(config)).toBe('http://hub.local:8080/updates/');
  });

  it('says which file to write when the screen is not configured yet', async () => {
    const dir = await dataDir({});
    await expect(loadConfig('/unused', { PANO_DATA: dir })).rejects.toThrow(`${join(dir, 'config.json')}: set "hubUrl"`);
  });

  it('rejects a bad shell.json with the path of the bad value', async () => {
    const dir = await dataDir({
      'config.json': JSON.stringify({ hubUrl: 'http://hub.local:8080' }),
      'shell.json': JSON.stringify({ operatorExit: { chord: 'Q', pinSha256: 'not-a-hash' } }),
    });
    await expect(loadConfig('/unused', { PANO_DATA: dir })).rejects.toThrow(/operatorExit\.chord.*operatorExit\.pinSha256/s);
  });
});
