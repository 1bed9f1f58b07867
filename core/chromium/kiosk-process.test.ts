import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startKioskProcess, type RecoveryKind } from './kiosk-process.ts';

// The supervisor with stand-ins for Chromium that fail at once (real processes,
// no browser): restarts with growing delays, counts, and stops cleanly.
describe('startKioskProcess supervision', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pano-kiosk-proc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (chromiumPath: string) => {
    const lines: string[] = [];
    const recoveries: RecoveryKind[] = [];
    const kiosk = startKioskProcess({
      chromiumPath,
      url: 'http://127.0.0.1:9/?display=main',
      userDataDir: join(dir, 'profile'),
      env: process.env,
      log: { info: (l) => lines.push(l), warn: (l) => lines.push(l) },
      backoff: { initialMs: 10, maxMs: 40, factor: 2, resetAfterMs: 60_000 },
      onRecovery: (kind) => recoveries.push(kind),
    });
    return { kiosk, lines, recoveries };
  };
  const delays = (lines: string[]) => lines.flatMap((l) => /restarting in (\d+) ms/.exec(l)?.[1] ?? []).map(Number);

  it('restarts a Chromium that keeps exiting, with growing delays, and counts each exit', async () => {
    const script = join(dir, 'exits.sh');
    writeFileSync(script, '#!/bin/sh\necho "fatal: no display" >&2\nexit 3\n');
    chmodSync(script, 0o755);
    const { kiosk, lines, recoveries } = run(script);
    await vi.waitFor(() => expect(recoveries.length).toBeGreaterThanOrEqual(5), { timeout: 10_000 });
    await kiosk.stop();
    expect(delays(lines).slice(0, 5)).toEqual([10, 20, 40, 40, 40]);
    expect(lines.find((l) => l.includes('exited (3)'))).toContain('fatal: no display');
    expect(new Set(recoveries)).toEqual(new Set(['renderer']));
    expect(kiosk.pid()).toBeUndefined();
  });

  it('keeps trying when the binary cannot be started at all, and says why', async () => {
    const { kiosk, lines, recoveries } = run(join(dir, 'no-such-chromium'));
    await vi.waitFor(() => expect(recoveries.length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    await kiosk.stop();
    expect(lines.some((l) => /could not start .*no-such-chromium.*ENOENT/.test(l))).toBe(true);
  });
});
