import { appendFile, mkdir, open, readFile, readdir, rename, stat, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PanoError } from '../../playlists/errors.ts';
import { RecordId } from '../../playlists/schemas/reports.ts';
import { fsyncDir } from '../util/fs-atomic.ts';
import { phase } from '../util/phase.ts';
import { MAX_RECORD, decodeFrames, encodeFrame } from './frames.ts';

export const Kind = z.enum(['play', 'heartbeat', 'event']);
export type Kind = z.infer<typeof Kind>;

const StoredRecord = z.strictObject({ kind: Kind, id: RecordId, at: z.number(), body: z.unknown() });
const AckFrame = z.strictObject({
  ack: z.array(z.string()),
  /** Set when these ids were dropped for the quota (not delivered). */
  drop: Kind.optional(),
  /** Set when these ids broke processing and were moved to set-aside.jsonl. */
  aside: z.boolean().optional(),
  /** Opaque state saved with the acknowledgement (the play chain tip). */
  meta: z.unknown().optional(),
  /** Running totals, written when the log is rewritten. */
  totals: z
    .strictObject({ heartbeats: z.int(), events: z.int(), plays: z.int(), setAside: z.int() })
    .optional(),
});

export interface Entry {
  kind: Kind;
  id: string;
  at: number;
  body: unknown;
  seg: number;
  size: number;
  order: number;
}

interface Segment {
  no: number;
  bytes: number;
  live: Set<string>;
  /** Acknowledged but still in the file: the ack log must keep shadowing these. */
  dead: Set<string>;
}

export interface OutboxStats {
  pending: number;
  bytes: number;
  dropped: { heartbeats: number; events: number; plays: number };
  corrupt: number;
  setAside: number;
}

const segName = (no: number) => `${String(no).padStart(10, '0')}.log`;

/**
 * Durable queue of play records, heartbeats and events. Appends are framed
 * with a checksum and group-committed (one write + fsync per batch, each
 * caller's promise resolves after its record is on disk). Records leave only
 * by acknowledgement, quota drop (heartbeats first), or set-aside.
 */
export class Outbox {
  private readonly dir: string;
  private readonly quota: number;
  private readonly segmentBytes: number;
  private entries = new Map<string, Entry>();
  private segments = new Map<number, Segment>();
  private active!: Segment;
  private fd!: FileHandle;
  private acksBytes = 0;
  private order = 0;
  private queue: { frame: Buffer; entry: Omit<Entry, 'seg' | 'order'>; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  readonly dropped = { heartbeats: 0, events: 0, plays: 0 };
  corrupt = 0;
  setAsideCount = 0;
  /** Meta of the last acknowledgement frame (survives restarts). */
  meta: unknown = undefined;
  /** Called just before acknowledgements are written, with the play ids leaving: returns what to store as meta. */
  metaProvider: (leavingPlays: readonly string[]) => unknown = () => undefined;

  private constructor(dir: string, quota: number) {
    this.dir = dir;
    this.quota = quota;
    this.segmentBytes = Math.max(16 * 1024, Math.min(4 * 1024 * 1024, Math.floor(quota / 16)));
  }

  static async open(dir: string, quotaBytes: number): Promise<Outbox> {
    const box = new Outbox(dir, quotaBytes);
    await box.load();
    return box;
  }

  private async load(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const acked = new Set<string>();
    const acksPath = join(this.dir, 'acks.log');
    const acks = await readFile(acksPath).catch(() => Buffer.alloc(0));
    const decodedAcks = decodeFrames(acks);
    for (const { value } of decodedAcks.values) {
      const f = AckFrame.safeParse(value);
      if (!f.success) continue;
      if (f.data.totals) {
        const { setAside, ...dropped } = f.data.totals;
        Object.assign(this.dropped, dropped);
        this.setAsideCount = setAside;
      }
      for (const id of f.data.ack) acked.add(id);
      if (f.data.drop) this.dropped[`${f.data.drop}s`] += f.data.ack.length;
      if (f.data.aside) this.setAsideCount += f.data.ack.length;
      if (f.data.meta !== undefined) this.meta = f.data.meta;
    }
    if (decodedAcks.validEnd < acks.length) await truncate(acksPath, decodedAcks.validEnd);

    const names = (await readdir(this.dir, { withFileTypes: true }))
      // Only regular files: a device or symlink in here is not ours to read.
      .filter((d) => d.isFile() && /^\d{10}\.log$/.test(d.name))
      .map((d) => d.name)
      .sort();
    let last = 0;
    for (const name of names) {
      const no = Number(name.slice(0, 10));
      last = Math.max(last, no);
      const path = join(this.dir, name);
      const buf = await readFile(path);
      const decoded = decodeFrames(buf);
      this.corrupt += decoded.corrupt;
      // A torn tail (power cut mid-append) is cut off so it is counted once.
      if (decoded.validEnd < buf.length && decoded.values.length > 0 && decoded.corrupt > 0) await truncate(path, decoded.validEnd);
      const seg: Segment = { no, bytes: decoded.validEnd, live: new Set(), dead: new Set() };
      for (const { value, size } of decoded.values) {
        const r = StoredRecord.safeParse(value);
        if (!r.success) {
          this.corrupt++;
          continue;
        }
        if (acked.has(r.data.id)) {
          seg.dead.add(r.data.id);
          continue;
        }
        // A copy left by a compaction that crashed before deleting the original: keep the first.
        if (this.entries.has(r.data.id)) continue;
        this.entries.set(r.data.id, { ...r.data, seg: no, size, order: this.order++ });
        seg.live.add(r.data.id);
      }
      this.segments.set(no, seg);
    }
    await this.openSegment(last + 1);
    for (const seg of [...this.segments.values()]) if (seg !== this.active && seg.live.size === 0) await this.deleteSegment(seg);
    // Rewrite the ack log with only what still shadows a record on disk.
    await this.rewriteAcks();
  }

  private async rewriteAcks(): Promise<void> {
    const path = join(this.dir, 'acks.log');
    const tmp = `${path}.tmp`;
    const ids: string[] = [];
    for (const seg of this.segments.values()) ids.push(...seg.dead);
    const totals = { ...this.dropped, setAside: this.setAsideCount };
    const data = encodeFrame({ ack: ids, meta: this.meta, totals });
    const fd = await open(tmp, 'w');
    await fd.writeFile(data);
    await fd.sync();
    await fd.close();
    await rename(tmp, path);
    await fsyncDir(this.dir);
    this.acksBytes = data.length;
  }

  private async openSegment(no: number): Promise<void> {
    if (this.fd) await this.fd.close();
    this.fd = await open(join(this.dir, segName(no)), 'a');
    this.active = { no, bytes: 0, live: new Set(), dead: new Set() };
    this.segments.set(no, this.active);
    await fsyncDir(this.dir);
  }

  /** Resolves once the record is fsynced. */
  append(kind: Kind, id: string, body: unknown, at: number): Promise<void> {
    if (this.closed) return Promise.reject(new PanoError('INTERNAL', 'outbox closed'));
    const frame = encodeFrame({ kind, id, at, body });
    if (frame.length > MAX_RECORD) return Promise.reject(new PanoError('TOO_LARGE', `outbox record ${id} is ${frame.length} bytes`));
    return new Promise((resolve, reject) => {
      this.queue.push({ frame, entry: { kind, id, at, body, size: frame.length }, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private serial: Promise<unknown> = Promise.resolve();
  private writeFailed = false;

  private async flush(): Promise<void> {
    // Yield once so appends made in the same tick share one fsync.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.queue.length);
      try {
        const data = Buffer.concat(batch.map((b) => b.frame));
        // Make room first, so the folder never exceeds the quota even for a moment of this batch.
        if (this.diskBytes() + data.length > this.quota) await this.exclusive(() => this.enforceQuota(data.length)).catch(() => {});
        // After a failed write the segment may end in a torn frame: start a fresh one.
        if (this.active.bytes >= this.segmentBytes || this.writeFailed) await this.openSegment(this.active.no + 1);
        this.writeFailed = false;
        const batchId = batch[0]!.entry.id;
        phase('append', 'start', batchId);
        await this.fd.write(data);
        await this.fd.datasync();
        phase('append', 'end', batchId);
        this.active.bytes += data.length;
        for (const b of batch) {
          if (this.entries.has(b.entry.id)) continue;
          this.entries.set(b.entry.id, { ...b.entry, seg: this.active.no, order: this.order++ });
          this.active.live.add(b.entry.id);
        }
        for (const b of batch) b.resolve();
      } catch (error) {
        this.writeFailed = true;
        const e = (error as NodeJS.ErrnoException).code === 'ENOSPC' ? new PanoError('DISK_FULL', 'disk full: outbox append failed') : error;
        for (const b of batch) b.reject(e);
      }
    }
    this.flushing = null;
  }

  /** Oldest first (append order). */
  pending(kind: Kind, limit: number): Entry[] {
    const out: Entry[] = [];
    for (const e of this.entries.values()) {
      if (e.kind !== kind) continue;
      out.push(e);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Removes acknowledged records: ack frame fsynced first, then fully-acked segments unlinked. */
  ack(ids: readonly string[], how: { drop?: Kind; aside?: boolean } = {}): Promise<void> {
    return this.exclusive(() => this.ackNow(ids, how));
  }

  /** Ack-log writes, rewrites and compaction run one at a time. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.serial.then(fn, fn);
    this.serial = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async ackNow(ids: readonly string[], how: { drop?: Kind; aside?: boolean }): Promise<void> {
    const known = ids.filter((id) => this.entries.has(id));
    if (known.length === 0) return;
    this.meta = this.metaProvider(known.filter((id) => this.entries.get(id)?.kind === 'play'));
    const frame = encodeFrame({ ack: known, ...how, meta: this.meta });
    await appendFile(join(this.dir, 'acks.log'), frame);
    const fd = await open(join(this.dir, 'acks.log'), 'r');
    await fd.sync();
    await fd.close();
    this.acksBytes += frame.length;
    const touched = new Set<Segment>();
    for (const id of known) {
      const e = this.entries.get(id)!;
      this.entries.delete(id);
      const seg = this.segments.get(e.seg);
      if (seg) {
        seg.live.delete(id);
        seg.dead.add(id);
        touched.add(seg);
      }
    }
    for (const seg of touched) if (seg !== this.active && seg.live.size === 0) await this.deleteSegment(seg);
    if (this.acksBytes > this.segmentBytes / 4) await this.rewriteAcks();
  }

  /** A record the server keeps refusing: moved to set-aside.jsonl so the queue moves on. */
  setAside(id: string, reason: string): Promise<void> {
    // Checked inside the lock: two upload rounds refusing the same record set it aside once.
    return this.exclusive(async () => {
      const e = this.entries.get(id);
      if (!e) return;
      await appendFile(join(this.dir, 'set-aside.jsonl'), `${JSON.stringify({ reason, kind: e.kind, id, body: e.body })}\n`);
      this.setAsideCount++;
      await this.ackNow([id], { aside: true });
    });
  }

  private async deleteSegment(seg: Segment): Promise<void> {
    await unlink(join(this.dir, segName(seg.no))).catch(() => {});
    this.segments.delete(seg.no);
    await fsyncDir(this.dir);
  }

  liveBytes(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.size;
    return n;
  }

  diskBytes(): number {
    let n = this.acksBytes;
    for (const s of this.segments.values()) n += s.bytes;
    return n;
  }

  /**
   * Keeps the folder under the quota: first copy live records out of
   * segments that are mostly acknowledged, then drop heartbeats (oldest
   * first), then events, then play records, and count what was dropped.
   */
  private async enforceQuota(incoming: number): Promise<void> {
    // Compaction briefly holds old and copied records together: keep live data under half the quota.
    const target = Math.max(0, Math.floor(this.quota * 0.45) - incoming);
    for (const kind of ['heartbeat', 'event', 'play'] as const) {
      if (this.liveBytes() <= target) break;
      const victims: string[] = [];
      let live = this.liveBytes();
      for (const e of this.entries.values()) {
        if (live <= target) break;
        if (e.kind !== kind) continue;
        victims.push(e.id);
        live -= e.size;
      }
      if (victims.length > 0) {
        this.dropped[`${kind}s`] += victims.length;
        await this.ackNow(victims, { drop: kind });
      }
    }
    await this.compact();
  }

  /** Rewrites the live records of every closed segment into the active one, then deletes those segments. */
  private async compact(): Promise<void> {
    const old = [...this.segments.values()].filter((s) => s !== this.active).sort((a, b) => a.no - b.no);
    for (const seg of old) {
      if (seg.live.size === 0) {
        await this.deleteSegment(seg);
        continue;
      }
      const frames: Buffer[] = [];
      const moved: Entry[] = [];
      for (const id of seg.live) {
        const e = this.entries.get(id);
        if (!e) continue;
        frames.push(encodeFrame({ kind: e.kind, id: e.id, at: e.at, body: e.body }));
        moved.push(e);
      }
      if (this.active.bytes >= this.segmentBytes) await this.openSegment(this.active.no + 1);
      const data = Buffer.concat(frames);
      await this.fd.write(data);
      await this.fd.datasync();
      this.active.bytes += data.length;
      // Copies are on disk before the original goes: a crash here leaves duplicates, which load() de-duplicates by id.
      for (const e of moved) {
        e.seg = this.active.no;
        this.active.live.add(e.id);
      }
      await this.deleteSegment(seg);
    }
    // Acked ids no longer shadow anything once their segments are gone.
    await this.rewriteAcks();
  }

  stats(): OutboxStats {
    return { pending: this.entries.size, bytes: this.diskBytes(), dropped: { ...this.dropped }, corrupt: this.corrupt, setAside: this.setAsideCount };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await this.fd.close();
  }
}

/** For tests and `pano status`: the size of the outbox folder on disk. */
export async function folderBytes(dir: string): Promise<number> {
  let n = 0;
  for (const name of await readdir(dir)) n += (await stat(join(dir, name))).size;
  return n;
}
