/** How each fault of the schedule is done to the running stack, and undone. */
import { spawn, type ChildProcess } from 'node:child_process';
import { open, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expired, tampered, versionOf, type Channel } from './channel.ts';
import type { FaultKind } from './faults.ts';
import { chromiumPids } from './processes.ts';
import type { Stack } from './stack.ts';

export interface Injector {
  /** Does the fault; resolves with what undoes it (faults that last), or nothing. */
  start(kind: FaultKind): Promise<(() => Promise<void>) | void>;
  /** Real-time windows during which an emergency took over (the screen plays even at night). */
  emergencies: { from: number; to: number }[];
  /** Faults that could not be done here, and why. */
  skipped: Map<FaultKind, string>;
}

const hog = (): ChildProcess => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });

export function injector(stack: Stack, channel: Channel): Injector {
  let publishes = 0;
  const emergencies: Injector['emergencies'] = [];
  const skipped = new Map<FaultKind, string>();
  const publish = async (variant?: string) => channel.publish(`Bản ${++publishes} / version ${publishes}`, variant);
  const override = async (make: (current: string) => Promise<string | null> | string | null) => {
    const seen = stack.proxy.playlists();
    const current = seen.at(-1);
    const body = current ? await make(current) : null;
    if (!body) return;
    stack.proxy.overridePlaylist(body);
    return async () => stack.proxy.overridePlaylist(null);
  };
  const hubMedia = (sha: string) => join(stack.hubDir, 'media', sha);

  return {
    emergencies,
    skipped,
    async start(kind) {
      switch (kind) {
        case 'network-cut':
          stack.proxy.cut(true);
          return async () => stack.proxy.cut(false);
        case 'hub-restart':
          stack.hub.kill();
          return;
        case 'hub-outage':
          stack.hubHeld.value = true;
          stack.hub.kill();
          return async () => void (stack.hubHeld.value = false);
        case 'db-restart':
          await stack.pg.restart();
          return;
        case 'kill-core':
          stack.player.kill();
          return;
        case 'kill-chromium': {
          const { browser } = await chromiumPids(stack.player.pid());
          if (browser) process.kill(browser, 'SIGKILL');
          return;
        }
        case 'kill-renderer': {
          const { renderers } = await chromiumPids(stack.player.pid());
          for (const pid of renderers) process.kill(pid, 'SIGKILL');
          return;
        }
        case 'disk-full': {
          if (!stack.tmpfs) {
            skipped.set(kind, 'no tmpfs could be mounted for the player (not root?)');
            return;
          }
          const ballast = join(stack.playerDir, 'ballast');
          const free = await statfs(stack.playerDir).then((s) => s.bavail * s.bsize);
          const fd = await open(ballast, 'w');
          // Fill all but 64 KiB: writes of any size fail with ENOSPC.
          await fd.write(Buffer.alloc(1)).catch(() => undefined);
          await fd.truncate(0);
          for (let left = free - 64 * 1024; left > 0; left -= 8 * 1024 * 1024) {
            if (!(await fd.write(Buffer.alloc(Math.min(left, 8 * 1024 * 1024))).then(() => true, () => false))) break;
          }
          await fd.close();
          return async () => rm(ballast, { force: true });
        }
        case 'cpu-starvation': {
          const hogs = [hog(), hog(), hog()];
          return async () => void hogs.forEach((h) => h.kill('SIGKILL'));
        }
        case 'corrupt-media': {
          // A new version needs a file the origin now holds damaged: the screen must keep what it plays.
          const sha = await channel.freshClip();
          const path = hubMedia(sha);
          const good = await readFile(path);
          const bad = Buffer.from(good);
          bad[Math.floor(bad.length / 2)]! ^= 0xff;
          await writeFile(path, bad);
          // A publish the hub refused (down under an earlier fault) must not leave the file damaged.
          await publish(sha).catch(async (err: unknown) => {
            await writeFile(path, good);
            throw err;
          });
          return async () => writeFile(path, good);
        }
        case 'truncated-download':
          stack.proxy.truncateNextMedia();
          await publish(await channel.freshClip());
          return;
        case 'tampered-playlist':
          return override((current) => tampered(current));
        case 'rolled-back-playlist':
          return override((current) => {
            const older = stack.proxy.playlists().find((e) => versionOf(e) < versionOf(current));
            if (!older) skipped.set(kind, 'no older version seen yet');
            return older ?? null;
          });
        case 'expired-playlist':
          return override((current) => expired(current, stack.hubDir, stack.now()));
        case 'clock-jump': {
          const ms = (Math.random() < 0.5 ? -1 : 1) * 3 * 3_600_000;
          await stack.jumpPlayerClock(ms);
          return async () => stack.jumpPlayerClock(0);
        }
        case 'publish-storm':
          for (let i = 0; i < 8; i++) await publish();
          return;
        case 'emergency': {
          const window = { from: Date.now(), to: Infinity };
          await stack.client.call((c) => c.startEmergency({ title: 'Diễn tập sơ tán / Evacuation drill', message: 'Soak' }));
          // Only a takeover the hub accepted makes the screen play at night (a refused one left it open for good).
          emergencies.push(window);
          return async () => {
            await stack.client.call((c) => c.endEmergency());
            window.to = Date.now();
          };
        }
      }
    },
  };
}

