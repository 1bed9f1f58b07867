import { appendFile, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/fixtures/core-harness.ts';
import { Outbox, folderBytes } from './outbox.ts';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

const id = (n: number) => `rec-${String(n).padStart(8, '0')}`;

describe('outbox', () => {
  it('keeps records across reopen until acknowledged', async () => {
    let box = await Outbox.open(dir.dir, 1 << 20);
    await Promise.all([0, 1, 2].map((n) => box.append('play', id(n), { n }, n)));
    await box.ack([id(1)]);
    await box.close();
    box = await Outbox.open(dir.dir, 1 << 20);
    expect(box.pending('play', 10).map((e) => e.id)).toEqual([id(0), id(2)]);
    await box.ack([id(0), id(2)]);
    await box.close();
    box = await Outbox.open(dir.dir, 1 << 20);
    expect(box.stats().pending).toBe(0);
    await box.close();
  });

  it('skips and counts a torn tail and a corrupt record without blocking the queue', async () => {
    let box = await Outbox.open(dir.dir, 1 << 20);
    for (let n = 0; n < 3; n++) await box.append('play', id(n), { n }, n);
    await box.close();
    const seg = (await readdir(dir.dir)).find((f) => f.endsWith('.log') && f !== 'acks.log')!;
    const path = join(dir.dir, seg);
    const bytes = await readFile(path);
    // Flip a byte inside the second record's JSON, then add half a record (power cut mid-append).
    const second = bytes.indexOf('PNO1', 4);
    bytes[second + 20] = bytes[second + 20]! ^ 0x55;
    await writeFile(path, bytes);
    await appendFile(path, bytes.subarray(0, 15));
    box = await Outbox.open(dir.dir, 1 << 20);
    expect(box.pending('play', 10).map((e) => e.id)).toEqual([id(0), id(2)]);
    expect(box.stats().corrupt).toBe(2);
    await box.append('play', id(3), { n: 3 }, 3);
    expect(box.pending('play', 10).map((e) => e.id)).toEqual([id(0), id(2), id(3)]);
    await box.close();
  });

  it('sets a record aside and moves on', async () => {
    const box = await Outbox.open(dir.dir, 1 << 20);
    await box.append('event', id(1), { bad: true }, 1);
    await box.append('event', id(2), { ok: true }, 2);
    await box.setAside(id(1), 'HTTP 400');
    expect(box.pending('event', 10).map((e) => e.id)).toEqual([id(2)]);
    expect(box.stats().setAside).toBe(1);
    expect(await readFile(join(dir.dir, 'set-aside.jsonl'), 'utf8')).toContain(id(1));
    await box.close();
  });

  it('stays within its quota over 7 days offline, dropping heartbeats before play records', async () => {
    const quota = 2 * 1024 * 1024;
    const box = await Outbox.open(dir.dir, quota);
    // Fake clock: one simulated minute per step, 7 days, nothing ever acknowledged.
    const start = Date.parse('2026-11-01T00:00:00Z');
    const heartbeat = { sentAt: '', playlist: { state: 'ok' }, outbox: { pending: 0 }, padding: 'x'.repeat(600) };
    let maxDisk = 0;
    let plays = 0;
    for (let minute = 0; minute < 7 * 24 * 60; minute += 60) {
      const appends: Promise<void>[] = [];
      for (let m = minute; m < minute + 60; m++) {
        const at = start + m * 60_000;
        appends.push(box.append('heartbeat', `hb-${m}-abcdef`, { ...heartbeat, sentAt: new Date(at).toISOString() }, at));
        // A play record every 5 minutes.
        if (m % 5 === 0) appends.push(box.append('play', `play-${plays++}-abcdef`, { seq: plays, padding: 'p'.repeat(200) }, at));
      }
      await Promise.all(appends);
      maxDisk = Math.max(maxDisk, await folderBytes(dir.dir));
    }
    const stats = box.stats();
    expect(maxDisk).toBeLessThanOrEqual(quota);
    expect(stats.dropped.heartbeats).toBeGreaterThan(5_000);
    expect(stats.dropped.plays).toBe(0);
    expect(box.pending('play', 1e9)).toHaveLength(plays);
    await box.close();
    const again = await Outbox.open(dir.dir, quota);
    expect(again.stats().dropped).toEqual(stats.dropped);
    expect(again.pending('play', 1e9)).toHaveLength(plays);
    await again.close();
  });
});

describe('outbox on a full disk', () => {
  it('refuses the append with DISK_FULL, then recovers on a fresh segment', async () => {
    // /dev/full answers writes with ENOSPC; the outbox's first segment is 0000000001.log.
    await symlink('/dev/full', join(dir.dir, '0000000001.log'));
    const box = await Outbox.open(dir.dir, 1 << 20);
    await expect(box.append('play', id(1), { n: 1 }, 1)).rejects.toMatchObject({ code: 'DISK_FULL' });
    await box.append('play', id(2), { n: 2 }, 2);
    expect(box.pending('play', 10).map((e) => e.id)).toEqual([id(2)]);
    await box.close();
  });
});
