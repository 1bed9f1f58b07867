import { z } from 'zod';
import { GENESIS_HASH, recordHash } from '../../playlists/chain.ts';
import { Sha256Hex } from '../../playlists/schemas/common.ts';
import { PlayRecord, RecordId, type PlayEvent } from '../../playlists/schemas/reports.ts';
import type { Outbox } from '../outbox/outbox.ts';

const Tip = z.strictObject({ seq: z.int().min(-1), hash: Sha256Hex });
type Tip = z.infer<typeof Tip>;
/** What the ack log keeps: the durable tip, and the ids of the last plays that left the outbox. */
const Meta = z.strictObject({ seq: Tip.shape.seq, hash: Sha256Hex, left: z.array(RecordId).max(4_096).optional() });
/**
 * A page re-sends a batch the core recorded but could not answer (it was
 * killed in between); by then its records may be uploaded and gone from the
 * outbox. The ids of this many of the last plays that left are kept in the
 * ack log, so the re-sent end is still known and not chained twice.
 */
const LEFT_KEPT = 512;

/**
 * Turns renderer play events into chained play records in the outbox.
 * `durable` is the tip of records known to be on disk; it is what the ack
 * log remembers, so a restart never chains onto a record that was lost.
 */
export class PlayRecorder {
  private tip: Tip;
  private durable: Tip;
  private readonly starts = new Map<string, PlayEvent>();
  /** Ids recorded lately (bounded), so a repeated end event is ignored. */
  private readonly recent = new Set<string>();
  private readonly outbox: Outbox;
  private readonly deviceId: string;

  constructor(outbox: Outbox, deviceId: string) {
    this.outbox = outbox;
    this.deviceId = deviceId;
    const saved = Meta.safeParse(outbox.meta);
    let tip: Tip = saved.success ? { seq: saved.data.seq, hash: saved.data.hash } : { seq: -1, hash: GENESIS_HASH };
    const left = saved.success ? (saved.data.left ?? []) : [];
    for (const id of left) this.recent.add(id);
    for (const e of outbox.pending('play', Number.MAX_SAFE_INTEGER)) {
      this.recent.add(e.id);
      const r = PlayRecord.safeParse(e.body);
      if (r.success && r.data.seq > tip.seq) tip = { seq: r.data.seq, hash: recordHash(r.data) };
    }
    this.tip = tip;
    this.durable = tip;
    outbox.metaProvider = (leaving) => {
      left.push(...leaving);
      left.splice(0, Math.max(0, left.length - LEFT_KEPT));
      return { ...this.durable, left: [...left] };
    };
  }

  get head(): Tip {
    return this.tip;
  }

  /** Start events are remembered; end events (or an end alone) become a record. */
  async event(e: PlayEvent): Promise<PlayRecord | null> {
    if (e.phase === 'start') {
      // A start re-sent after its play was recorded must not linger as "now playing".
      if (this.recent.has(e.playId)) return null;
      this.starts.set(e.playId, e);
      // A renderer that never sends `end` must not grow this forever.
      if (this.starts.size > 1_000) this.starts.delete(this.starts.keys().next().value!);
      return null;
    }
    // A renderer retrying a POST must not chain the same play twice.
    if (this.recent.has(e.playId)) return null;
    const start = this.starts.get(e.playId);
    this.starts.delete(e.playId);
    // The end names its start time: the start event may have reached a core that restarted since.
    const startedAt = start?.at ?? e.startedAt ?? e.at;
    return this.append({
      id: e.playId,
      channel: e.channel,
      playlistVersion: e.playlistVersion,
      display: e.display,
      zone: e.zone,
      itemId: e.itemId,
      kind: e.kind,
      ...(e.assetSha256 ? { assetSha256: e.assetSha256 } : {}),
      ...(e.entryId ? { entryId: e.entryId } : {}),
      ...(e.language ? { language: e.language } : {}),
      startedAt,
      endedAt: e.at,
      durationMs: Math.max(0, Date.parse(e.at) - Date.parse(startedAt)),
      outcome: e.outcome ?? 'completed',
      ...(e.reason ? { reason: e.reason } : {}),
    }).catch((error: unknown) => {
      // Not written (a full disk): the page is answered with an error and sends this end again,
      // which must then be recorded, not taken for a duplicate (the soak lost a play that way).
      this.recent.delete(e.playId);
      if (start) this.starts.set(e.playId, start);
      throw error;
    });
  }

  /** Chains and appends; resolves after the record is fsynced. Records are chained in call order. */
  append(fields: Omit<PlayRecord, 'seq' | 'prev' | 'deviceId'>): Promise<PlayRecord> {
    const record: PlayRecord = { ...fields, deviceId: this.deviceId, seq: this.tip.seq + 1, prev: this.tip.hash };
    this.recent.add(record.id);
    if (this.recent.size > 10_000) this.recent.delete(this.recent.values().next().value!);
    const next = { seq: record.seq, hash: recordHash(record) };
    this.tip = next;
    const written = this.outbox.append('play', record.id, record, Date.parse(record.endedAt));
    // Appends complete in order (one group-commit queue), so the durable tip only moves forward.
    return written.then(
      () => {
        if (next.seq > this.durable.seq) this.durable = next;
        return record;
      },
      (error: unknown) => {
        // Not on disk: the next record takes its place in the chain, unless others were chained after it.
        if (this.tip === next) this.tip = this.durable;
        throw error;
      },
    );
  }
}
