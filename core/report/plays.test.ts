import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PlayEvent } from '../../playlists/schemas/reports.ts';
import { tempDir } from '../../test/fixtures/core-harness.ts';
import { Outbox } from '../outbox/outbox.ts';
import { PlayRecorder } from './plays.ts';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

const end: PlayEvent = {
  type: 'play',
  phase: 'end',
  playId: '237ca723-d756-4298-89cd-77fa24379481',
  channel: 'soak',
  playlistVersion: 3,
  display: 'main',
  zone: 'main',
  itemId: 'clip-1',
  kind: 'video',
  at: '2026-12-04T08:00:05.000Z',
  startedAt: '2026-12-04T08:00:00.000Z',
  outcome: 'completed',
};

// The soak's lost play: a full disk refused the record, the page (answered 5xx) sent the end again,
// and the core took the retry for a duplicate of a record it never wrote.
it('an end whose record the disk refused is recorded when the page sends it again', async () => {
  await symlink('/dev/full', join(dir.dir, '0000000001.log'));
  const box = await Outbox.open(dir.dir, 1 << 20);
  const recorder = new PlayRecorder(box, 'pano-test');
  await expect(recorder.event(end)).rejects.toMatchObject({ code: 'DISK_FULL' });
  const record = await recorder.event(end);
  expect(record).toMatchObject({ id: end.playId, seq: 0 });
  expect(box.pending('play', 10).map((e) => e.id)).toEqual([end.playId]);
  // And a third copy of the same end is still a duplicate.
  expect(await recorder.event(end)).toBeNull();
  await box.close();
});
