import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTreeMemory } from './proc-memory.ts';

describe('readTreeMemory', () => {
  const proc = mkdtempSync(join(tmpdir(), 'pano-proc-'));
  afterAll(() => rmSync(proc, { recursive: true, force: true }));
  const fake = (pid: number, ppid: number, rssKb: number | null, argv: string[]) => {
    mkdirSync(join(proc, String(pid)));
    writeFileSync(join(proc, String(pid), 'status'), `Name:\tchromium\nPPid:\t${ppid}\n${rssKb === null ? '' : `VmRSS:\t  ${rssKb} kB\n`}`);
    writeFileSync(join(proc, String(pid), 'cmdline'), `${argv.join('\0')}\0`);
  };
  // Chromium's shape: browser → zygote → renderers; a GPU process; and an unrelated process.
  fake(10, 1, 200_000, ['chromium', '--kiosk']);
  fake(11, 10, 50_000, ['chromium', '--type=zygote']);
  fake(12, 11, 40_000, ['chromium', '--type=renderer', '--renderer-client-id=5']);
  // As Chromium's zygote children show it: the title rewritten as one string.
  fake(13, 11, 300_000, ['/usr/lib/chromium/chromium --type=renderer --renderer-client-id=7']);
  fake(14, 10, 400_000, ['chromium', '--type=gpu-process']);
  fake(15, 12, null, ['']); // a zombie: no VmRSS
  fake(99, 1, 900_000, ['chromium', '--type=renderer']);

  it('sums the tree and takes its largest renderer, not the larger GPU process nor another tree', async () => {
    expect(await readTreeMemory(10, proc)).toEqual({ rendererBytes: 300_000 * 1024, totalBytes: 990_000 * 1024, processes: 6 });
  });

  it('is null for a process that is gone, or without /proc', async () => {
    expect(await readTreeMemory(77, proc)).toBeNull();
    expect(await readTreeMemory(10, join(proc, 'nothing'))).toBeNull();
  });

  it('reads the real /proc: a child that calls itself a renderer is found under its parent', async () => {
    const child = `"${process.execPath}" -e "setInterval(() => {}, 1000)" -- --type=renderer`;
    // Its own process group, so the kill below takes the child too.
    const parent = spawn('sh', ['-c', `${child} & wait`], { stdio: 'ignore', detached: true });
    try {
      await expect
        .poll(async () => (await readTreeMemory(parent.pid!))?.rendererBytes ?? 0, { timeout: 10_000 })
        .toBeGreaterThan(10 * 1024 * 1024);
      const tree = await readTreeMemory(parent.pid!);
      expect(tree!.processes).toBe(2);
      expect(tree!.totalBytes).toBeGreaterThan(tree!.rendererBytes);
    } finally {
      process.kill(-parent.pid!, 'SIGKILL');
    }
  });
});
