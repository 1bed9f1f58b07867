import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRootSelf } from '../playlists/trust.ts';
import { runPano } from './pano.fixtures.ts';

// `pano root` with an emergency role: real `pano` processes in a temp folder.
let dir: string;
const pano = (...args: string[]) => runPano(dir, ...args);
const rootOf = (name: string) => verifyRootSelf(readFileSync(join(dir, name))).value;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pano-emergency-'));
  for (const name of ['root', 'hub', 'a1', 'a2', 'duty', 'duty2']) expect(pano('keygen', '--out', 'keys', '--name', name).code).toBe(0);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pano root and the emergency role', () => {
  it('init names it; rotate keeps it unless --emergency replaces it; thresholds without keys are a usage error', () => {
    const init = pano('root', 'init', '--root-key', 'keys/root.key', '--publisher', 'keys/hub.pub', '--approver', 'keys/a1.pub', '--approver', 'keys/a2.pub',
      '--board-threshold', '2', '--emergency', 'keys/duty.pub', '--emergency-max-minutes', '240', '--expires', '2031-01-01T00:00:00Z', '--out', 'root.json');
    expect(init.stderr).toBe('');
    expect(init.stdout).toContain('an emergency role of 1 key(s) (threshold 1, at most 240 min)');
    const duty = JSON.parse(readFileSync(join(dir, 'keys', 'duty.pub'), 'utf8')).keyid;
    expect(rootOf('root.json').roles.emergency).toEqual({ keyids: [duty], threshold: 1, maxDurationMinutes: 240 });

    expect(pano('root', 'rotate', '--from', 'root.json', '--root-key', 'keys/root.key', '--expires', '2031-06-01T00:00:00Z', '--out', 'root-2.json').stderr).toBe('');
    expect(rootOf('root-2.json').roles.emergency).toEqual({ keyids: [duty], threshold: 1, maxDurationMinutes: 240 });

    // The hub's key may be the emergency role (it still signs no content under the board).
    const hub = JSON.parse(readFileSync(join(dir, 'keys', 'hub.pub'), 'utf8')).keyid;
    const r3 = pano('root', 'rotate', '--from', 'root-2.json', '--root-key', 'keys/root.key', '--emergency', 'keys/hub.pub', '--emergency', 'keys/duty2.pub',
      '--emergency-threshold', '1', '--expires', '2031-06-01T00:00:00Z', '--out', 'root-3.json');
    expect(r3.stderr).toBe('');
    expect(rootOf('root-3.json').roles.emergency).toMatchObject({ threshold: 1, maxDurationMinutes: 240 });
    expect(rootOf('root-3.json').roles.emergency!.keyids).toContain(hub);

    const bad = pano('root', 'init', '--root-key', 'keys/root.key', '--publisher', 'keys/hub.pub', '--emergency-threshold', '2', '--expires', '30d', '--out', 'bad.json');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--emergency-threshold and --emergency-max-minutes need --emergency keys')]);
  });
});
