import { mkdir, readFile, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PanoError } from '../../playlists/errors.ts';
import { parseJson } from '../../playlists/parse.ts';
import { Sha256Hex } from '../../playlists/schemas/common.ts';
import { writeFileAtomic } from '../util/fs-atomic.ts';
import { hashFile } from './hash-file.ts';

const IndexFile = z.strictObject({
  version: z.literal(1),
  entries: z.record(Sha256Hex, z.strictObject({ size: z.int().min(0), lastUsed: z.number() })),
});
type Entry = { size: number; lastUsed: number };
type Stamp = { ino: number; size: number; mtimeMs: number };

/**
 * The content-addressed cache: objects/<sha256>, each renamed in only after
 * its hash and size were checked. index.json only orders eviction; the
 * folder listing is the truth, so a crash between rename and index write
 * heals on the next open.
 */
export class ObjectStore {
  readonly objects: string;
  readonly tmp: string;
  private readonly indexPath: string;
  private entries = new Map<string, Entry>();
  /** Files hashed in this process, with the stat they had: any change means hash again. */
  private readonly verified = new Map<string, Stamp>();
  private readonly verifying = new Map<string, Promise<boolean>>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly quotaBytes: number;
  private readonly now: () => number;
  onCorrupt: (sha: string) => void = () => {};

  constructor(dir: string, quotaBytes: number, now: () => number) {
    this.objects = join(dir, 'objects');
    this.tmp = join(dir, 'tmp');
    this.indexPath = join(dir, 'index.json');
    this.quotaBytes = quotaBytes;
    this.now = now;
  }

  async open(): Promise<void> {
    await mkdir(this.objects, { recursive: true });
    await mkdir(this.tmp, { recursive: true });
    let saved: z.infer<typeof IndexFile>['entries'] = {};
    try {
      const text = await readFile(this.indexPath, 'utf8');
      saved = parseJson(IndexFile, text, 'cache index').entries;
    } catch {
      // Missing or damaged index: rebuilt from the folder below.
    }
    const names = await readdir(this.objects);
    const entries = new Map<string, Entry>();
    await Promise.all(
      names.map(async (name) => {
        if (!Sha256Hex.safeParse(name).success) {
          await rm(join(this.objects, name), { force: true, recursive: true });
          return;
        }
        const info = await stat(join(this.objects, name));
        const old = saved[name];
        entries.set(name, { size: info.size, lastUsed: old?.lastUsed ?? info.mtimeMs });
      }),
    );
    this.entries = entries;
    await this.save();
  }

  path(sha: string): string {
    return join(this.objects, sha);
  }

  /** Present with the expected size (cheap; the hash is checked before serving). */
  has(sha: string, size?: number): boolean {
    const e = this.entries.get(sha);
    return e !== undefined && (size === undefined || e.size === size);
  }

  usedBytes(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.size;
    return n;
  }

  quota(): number {
    return this.quotaBytes;
  }

  /** Called by the downloader after the rename into objects/. */
  added(sha: string, size: number, stamp: Stamp): void {
    this.entries.set(sha, { size, lastUsed: this.now() });
    this.verified.set(sha, stamp);
    this.scheduleSave();
  }

  touch(sha: string): void {
    const e = this.entries.get(sha);
    if (e) e.lastUsed = this.now();
    this.scheduleSave();
  }

  /**
   * The file's path only if its bytes still hash to its name. Hashed once per
   * process and again whenever its stat changes; a bad file is deleted and
   * reported so that sync fetches it anew.
   */
  async verifiedPath(sha: string): Promise<string | null> {
    if (!this.entries.has(sha)) return null;
    const path = this.path(sha);
    const info = await stat(path).catch(() => null);
    if (!info) {
      this.forget(sha);
      return null;
    }
    const stamp = this.verified.get(sha);
    if (stamp && stamp.ino === info.ino && stamp.size === info.size && stamp.mtimeMs === info.mtimeMs) {
      this.touch(sha);
      return path;
    }
    let pending = this.verifying.get(sha);
    if (!pending) {
      pending = (async () => {
        const ok = (await hashFile(path).catch(() => '')) === sha;
        if (ok) this.verified.set(sha, { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs });
        else await this.discard(sha);
        return ok;
      })().finally(() => this.verifying.delete(sha));
      this.verifying.set(sha, pending);
    }
    if (!(await pending)) return null;
    this.touch(sha);
    return path;
  }

  /** Forget every hash check (the `reverify` command); each file is hashed again. */
  async reverifyAll(): Promise<{ checked: number; bad: number }> {
    this.verified.clear();
    let bad = 0;
    const shas = [...this.entries.keys()];
    for (const sha of shas) if ((await this.verifiedPath(sha)) === null) bad++;
    return { checked: shas.length, bad };
  }

  /**
   * Frees room for `bytes` more by evicting least-recently-used objects that
   * are not protected (current and incoming playlists). CACHE_FULL if it cannot.
   */
  async makeRoom(bytes: number, protect: ReadonlySet<string>): Promise<void> {
    let used = this.usedBytes();
    if (used + bytes <= this.quotaBytes) return;
    const victims = [...this.entries].filter(([sha]) => !protect.has(sha)).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [sha, e] of victims) {
      if (used + bytes <= this.quotaBytes) break;
      await unlink(this.path(sha)).catch(() => {});
      this.forget(sha);
      used -= e.size;
    }
    if (used + bytes > this.quotaBytes) {
      throw new PanoError('CACHE_FULL', `cache quota ${this.quotaBytes} bytes cannot hold ${bytes} more (${used} in use by current and incoming playlists)`);
    }
  }

  private async discard(sha: string): Promise<void> {
    await unlink(this.path(sha)).catch(() => {});
    this.forget(sha);
    this.onCorrupt(sha);
  }

  private forget(sha: string): void {
    this.entries.delete(sha);
    this.verified.delete(sha);
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.save().catch(() => {});
    }, 1_000);
    this.saveTimer.unref();
  }

  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const entries: Record<string, Entry> = {};
    for (const [sha, e] of this.entries) entries[sha] = e;
    await writeFileAtomic(this.indexPath, JSON.stringify({ version: 1, entries }));
  }
}
