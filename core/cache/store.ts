import { mkdir, readFile, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PanoError } from '../../playlists/errors.ts';
import { parseJson } from '../../playlists/parse.ts';
import { Sha256Hex } from '../../playlists/schemas/common.ts';
import { writeFileAtomic } from '../util/fs-atomic.ts';
import type { Clock } from '../util/clock.ts';
import { hashFile } from './hash-file.ts';

/** index.json: the harness (test/crash) parses it with this schema too. */
const SavedCheck = z.strictObject({ ino: z.number(), size: z.int().min(0), mtimeMs: z.number(), at: z.number() });
export const IndexFile = z.strictObject({
  version: z.literal(1),
  entries: z.record(Sha256Hex, z.strictObject({ size: z.int().min(0), lastUsed: z.number(), checked: SavedCheck.optional() })),
});
type Entry = { size: number; lastUsed: number };
export type Stamp = { ino: number; size: number; mtimeMs: number };
/** The last whole-file hash check: the stat the file had, and when (raw clock). */
type Check = z.infer<typeof SavedCheck>;

const sameStamp = (a: Stamp, b: Stamp) => a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
const stampOf = (info: Stamp): Stamp => ({ ino: info.ino, size: info.size, mtimeMs: info.mtimeMs });

/**
 * The content-addressed cache: objects/<sha256>, each renamed in only after
 * its hash and size were checked. index.json only orders eviction; the
 * folder listing is the truth, so a crash between rename and index write
 * heals on the next open.
 *
 * Bit rot changes bytes but not the stat, so a matching stat alone is never
 * proof. What the local API serves is guarded three ways (docs/architecture.md,
 * "Cache integrity"): a whole-file response is hashed while it streams and cut
 * off before its last bytes if it does not match; a partial range is served
 * only if the whole file was hashed within `reverifyMs` (else it is hashed
 * first); and a background pass re-hashes, one file at a time and throttled,
 * every file before its last check gets that old.
 */
export class ObjectStore {
  readonly objects: string;
  readonly tmp: string;
  private readonly indexPath: string;
  private entries = new Map<string, Entry>();
  /**
   * Partial downloads kept in tmp/ for a Range resume (`<sha>.part` beside its
   * `<sha>.meta`), with their size and when they were left: they take disk like
   * any object, so they count against the quota and are the first to go.
   */
  private readonly parts = new Map<string, { bytes: number; at: number }>();
  /**
   * Last whole-file hash check per file, with the stat it had and when: a stat change
   * means hash again. Kept in index.json, so a restart (a power cut, a crash) does not
   * hash the whole cache again while the screen starts; a check restored on open
   * counts only if the stat is still the same.
   */
  private readonly verified = new Map<string, Check>();
  private readonly verifying = new Map<string, Promise<boolean>>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
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
    // Temp files of index writes cut short by a crash (fs-atomic.ts names them .index.json.<pid>.<random>.tmp).
    for (const name of await readdir(join(this.objects, '..'))) if (/^\.index\.json\..+\.tmp$/.test(name)) await rm(join(this.objects, '..', name), { force: true });
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
        if (old?.checked && sameStamp(old.checked, info)) this.verified.set(name, old.checked);
      }),
    );
    this.entries = entries;
    await this.sweepTmp();
    await this.save();
  }

  path(sha: string): string {
    return join(this.objects, sha);
  }

  /**
   * At start nothing downloads, so tmp/ holds only leftovers: what a crash, an
   * abort or a superseded download left. A part that can be resumed (its
   * strong validator beside it) is kept and counted; everything else goes.
   */
  private async sweepTmp(): Promise<void> {
    this.parts.clear();
    const names = await readdir(this.tmp, { withFileTypes: true });
    const has = new Set(names.filter((d) => d.isFile()).map((d) => d.name));
    for (const d of names) {
      const m = /^([0-9a-f]{64})\.(part|meta)$/.exec(d.name);
      const sha = m?.[1];
      const resumable = sha !== undefined && d.isFile() && has.has(`${sha}.part`) && has.has(`${sha}.meta`) && !this.entries.has(sha);
      if (!resumable) {
        await rm(join(this.tmp, d.name), { force: true, recursive: true });
        continue;
      }
      if (m![2] === 'part') {
        const info = await stat(join(this.tmp, d.name));
        this.parts.set(sha, { bytes: info.size, at: info.mtimeMs });
      }
    }
  }

  /** A download of `sha` left (or dropped, with 0) a part file of `bytes`. */
  partLeft(sha: string, bytes: number): void {
    if (bytes > 0) this.parts.set(sha, { bytes, at: this.now() });
    else this.parts.delete(sha);
  }

  /** Bytes held by kept partial downloads. */
  partBytes(except?: string): number {
    let n = 0;
    for (const [sha, p] of this.parts) if (sha !== except) n += p.bytes;
    return n;
  }

  /** Present with the expected size (cheap; the hash is checked before serving). */
  has(sha: string, size?: number): boolean {
    const e = this.entries.get(sha);
    return e !== undefined && (size === undefined || e.size === size);
  }

  /** Objects and kept partial downloads: both take disk, both count against the quota. */
  usedBytes(): number {
    let n = this.partBytes();
    for (const e of this.entries.values()) n += e.size;
    return n;
  }

  quota(): number {
    return this.quotaBytes;
  }

  /**
   * Called by the downloader after the rename into objects/. The index is
   * written before this resolves, so after a kill -9 the index lacks a file
   * only if the kill landed between that rename and this write.
   */
  async added(sha: string, size: number, stamp: Stamp): Promise<void> {
    this.entries.set(sha, { size, lastUsed: this.now() });
    this.checked(sha, stamp);
    await this.save();
  }

  touch(sha: string): void {
    const e = this.entries.get(sha);
    if (e) e.lastUsed = this.now();
    this.scheduleSave();
  }

  /**
   * The file's path only if its bytes still hash to its name. Hashed once (the
   * check outlives restarts) and again whenever its stat changes, or when the last check is
   * older than `maxAgeMs` (partial ranges ask for this: they cannot be checked
   * as they stream). A bad file is deleted and reported so that sync fetches
   * it anew.
   */
  async verifiedPath(sha: string, maxAgeMs = Infinity): Promise<string | null> {
    if (!this.entries.has(sha)) return null;
    const path = this.path(sha);
    const info = await stat(path).catch(() => null);
    if (!info) {
      this.forget(sha);
      return null;
    }
    const check = this.verified.get(sha);
    if (check && sameStamp(check, info) && this.fresh(check, maxAgeMs)) {
      this.touch(sha);
      return path;
    }
    if (!(await this.hashCheck(sha, path, info))) return null;
    this.touch(sha);
    return path;
  }

  /**
   * A whole-file response was hashed as it streamed. A match refreshes the
   * check (free re-verification); a mismatch discards the file, unless it was
   * replaced meanwhile (a fresh download under the same name is not rotten).
   */
  async streamed(sha: string, sent: Stamp, ok: boolean): Promise<void> {
    if (ok) {
      this.checked(sha, sent);
      return;
    }
    const info = await stat(this.path(sha)).catch(() => null);
    if (info && info.ino !== sent.ino) return;
    await this.discard(sha);
  }

  /** Notes a whole-file hash that matched; index.json keeps it (saved within a second). */
  private checked(sha: string, stamp: Stamp): void {
    this.verified.set(sha, { ...stampOf(stamp), at: this.now() });
    this.scheduleSave();
  }

  private fresh(check: Check, maxAgeMs: number): boolean {
    const age = this.now() - check.at;
    // A clock set backwards makes the age negative: that is no proof of freshness.
    return age >= 0 && age <= maxAgeMs;
  }

  private hashCheck(sha: string, path: string, info: Stamp, opts: { bytesPerSec?: number } = {}): Promise<boolean> {
    let pending = this.verifying.get(sha);
    if (!pending) {
      pending = (async () => {
        const got = await hashFile(path, undefined, opts.bytesPerSec, () => this.stopped).catch(() => '');
        // A check cut short by stop() says nothing about the file (another store may own the folder by now).
        if (this.stopped && got !== sha) return false;
        const ok = got === sha;
        if (ok) this.checked(sha, info);
        else await this.discard(sha);
        return ok;
      })().finally(() => this.verifying.delete(sha));
      this.verifying.set(sha, pending);
    }
    return pending;
  }

  /**
   * One background pass: re-hashes every file whose last check is older than
   * `maxAgeMs` (or that was never hashed), oldest first, one
   * at a time, reading at most `bytesPerSec` so playback keeps the disk.
   */
  async reverifyStale(maxAgeMs: number, bytesPerSec: number): Promise<{ checked: number; bad: number }> {
    const due = [...this.entries.keys()]
      .map((sha) => ({ sha, at: this.verified.get(sha)?.at ?? -Infinity }))
      .filter(({ sha }) => {
        const check = this.verified.get(sha);
        return !check || !this.fresh(check, maxAgeMs);
      })
      .sort((a, b) => a.at - b.at);
    let bad = 0;
    let checked = 0;
    for (const { sha } of due) {
      if (this.stopped) break;
      if (!this.entries.has(sha)) continue;
      const info = await stat(this.path(sha)).catch(() => null);
      if (!info) {
        this.forget(sha);
        continue;
      }
      checked++;
      if (!(await this.hashCheck(sha, this.path(sha), info, { bytesPerSec }))) bad++;
    }
    return { checked, bad };
  }

  /**
   * Runs `reverifyStale` on the injected clock: a pass every quarter of
   * `maxAgeMs` re-hashes files checked more than three quarters of it ago,
   * so a file is hashed again before its check is too old for a range request
   * (which would then wait for a foreground hash), and none goes unchecked
   * longer than `maxAgeMs` unless a pass falls behind.
   */
  startReverify(clock: Clock, maxAgeMs: number, bytesPerSec: number, onPass: (r: { checked: number; bad: number }) => void = () => {}): () => void {
    const every = Math.max(1_000, Math.floor(maxAgeMs / 4));
    let timer: unknown;
    const pass = () => {
      void this.reverifyStale(Math.floor(maxAgeMs * 0.75), bytesPerSec)
        .catch(() => ({ checked: 0, bad: 0 }))
        .then((r) => {
          if (!this.stopped) timer = clock.setTimeout(pass, every);
          onPass(r);
        });
    };
    timer = clock.setTimeout(pass, every);
    return () => {
      this.stopped = true;
      clock.clearTimeout(timer);
    };
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
  async makeRoom(bytes: number, protect: ReadonlySet<string>, forSha?: string): Promise<void> {
    // The part of the file we make room for is inside `bytes` already.
    let used = this.usedBytes() - (forSha ? (this.parts.get(forSha)?.bytes ?? 0) : 0);
    if (used + bytes <= this.quotaBytes) return;
    // Partial downloads go first, oldest first: a resume saves time, an object saves a download.
    for (const [sha, p] of [...this.parts].sort((a, b) => a[1].at - b[1].at)) {
      if (used + bytes <= this.quotaBytes) return;
      if (sha === forSha) continue;
      await rm(join(this.tmp, `${sha}.part`), { force: true });
      await rm(join(this.tmp, `${sha}.meta`), { force: true });
      this.parts.delete(sha);
      used -= p.bytes;
    }
    if (used + bytes <= this.quotaBytes) return;
    const victims = [...this.entries].filter(([sha]) => !protect.has(sha)).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    let evicted = false;
    for (const [sha, e] of victims) {
      if (used + bytes <= this.quotaBytes) break;
      await unlink(this.path(sha)).catch(() => {});
      this.forget(sha);
      evicted = true;
      used -= e.size;
    }
    // Unlink first, index after: a kill in between leaves an entry without a file (dropped on open), never a file the index forgot.
    if (evicted) await this.save();
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

  private saving: Promise<void> = Promise.resolve();

  /** Writes index.json. Saves run one after another, each with the entries of its own moment, so the last write on disk is the newest. */
  save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const run = this.saving.then(async () => {
      const entries: Record<string, z.infer<typeof IndexFile>['entries'][string]> = {};
      for (const [sha, e] of this.entries) {
        const check = this.verified.get(sha);
        entries[sha] = check ? { ...e, checked: check } : e;
      }
      await writeFileAtomic(this.indexPath, JSON.stringify({ version: 1, entries }));
    });
    this.saving = run.catch(() => {});
    return run;
  }
}
