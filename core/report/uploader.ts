import { z } from 'zod';
import { recordHash, chainHeadMessage } from '../../playlists/chain.ts';
import { encodeBase64 } from '../../playlists/base64.ts';
import { signBytes, type KeyPair } from '../../playlists/keys.ts';
import { parseJson } from '../../playlists/parse.ts';
import { HeartbeatAck, type Command } from '../../playlists/schemas/device-api.ts';
import { ErrorCode as ErrorCodeSchema, PlayAck, PlayRecord, type ChainHead, type EventBatch, type PlayBatch } from '../../playlists/schemas/reports.ts';
import { PanoError, type ErrorCode } from '../../playlists/errors.ts';
import type { Outbox, Entry } from '../outbox/outbox.ts';
import { postJson } from '../util/http.ts';

const EventAck = z.strictObject({ accepted: z.array(z.string()) });
/** A refusal's body: its code, when it is one of ours, says why in the player's own errors. */
const ErrorBody = z.object({ error: z.object({ code: ErrorCodeSchema }) });
function refusalCode(text: string): ErrorCode {
  try {
    return parseJson(ErrorBody, text, 'refusal').error.code;
  } catch {
    return 'SCHEMA_INVALID';
  }
}

export interface UploaderOptions {
  reportUrl: string;
  deviceId: string;
  key: KeyPair;
  token: () => string | undefined;
  idleTimeoutMs: number;
  now: () => number;
  onCommands: (commands: Command[]) => void;
  onError: (code: ErrorCode, message: string) => void;
  onAck?: (kind: 'play' | 'event' | 'heartbeat', ids: string[]) => void;
}

const MAX_BATCH = 500;

/**
 * Drains the outbox to the report URL: plays (in chain order, with the
 * signed chain head), events, then heartbeats (newest first: the hub wants
 * the latest state). Records go only when acknowledged; a record the server
 * refuses on its own (4xx in a batch of one) is set aside.
 */
export class Uploader {
  private readonly o: UploaderOptions;
  private playBatch = MAX_BATCH;
  private eventBatch = MAX_BATCH;

  constructor(o: UploaderOptions) {
    this.o = o;
  }

  private serial: Promise<unknown> = Promise.resolve();

  /** One round, never overlapping another. Throws on network/server errors so the caller backs off. */
  round(outbox: Outbox): Promise<void> {
    const run = this.serial.then(async () => {
      await this.plays(outbox);
      await this.events(outbox);
      await this.heartbeats(outbox);
    });
    this.serial = run.catch(() => undefined);
    return run;
  }

  private url(path: string): string {
    return `${this.o.reportUrl.replace(/\/+$/, '')}/${path}`;
  }

  private post(path: string, body: unknown): Promise<{ status: number; text: string }> {
    const token = this.o.token();
    return postJson(this.url(path), body, { idleTimeoutMs: this.o.idleTimeoutMs, now: this.o.now, ...(token ? { token } : {}) });
  }

  private async plays(outbox: Outbox): Promise<void> {
    for (;;) {
      const entries = outbox.pending('play', Number.MAX_SAFE_INTEGER);
      if (entries.length === 0) return;
      const valid: PlayRecord[] = [];
      for (const e of entries) {
        const r = PlayRecord.safeParse(e.body);
        if (r.success) valid.push(r.data);
        else await outbox.setAside(e.id, 'not a valid play record');
      }
      valid.sort((a, b) => a.seq - b.seq);
      if (valid.length === 0) return;
      const { records, head } = this.run(valid);
      const batch: PlayBatch = { deviceId: this.o.deviceId, records, head };
      const res = await this.post('plays', batch);
      if (await this.refused(res, records.length, outbox, records[0]!.id, 'plays', (n) => (this.playBatch = n))) continue;
      const ack = parseJson(PlayAck, res.text, 'play ack');
      const sent = new Set(records.map((r) => r.id));
      const ids = ack.accepted.filter((id) => sent.has(id));
      await outbox.ack(ids);
      this.o.onAck?.('play', ids);
      this.playBatch = MAX_BATCH;
      if (ids.length === 0) throw new PanoError('HTTP_STATUS', 'the report server acknowledged none of the play records');
    }
  }

  /**
   * The first linked run of pending records (each the next seq, its prev the
   * hash of the one before), at most one batch long, and its signed head. The
   * hub accepts only records a head covers, so a hole in the outbox (a record
   * set aside or dropped by the quota) ends a batch instead of sitting in it.
   */
  private run(sorted: PlayRecord[]): { records: PlayRecord[]; head: ChainHead } {
    const records = [sorted[0]!];
    let hash = recordHash(sorted[0]!);
    for (const r of sorted.slice(1, this.playBatch)) {
      if (r.seq !== records[records.length - 1]!.seq + 1 || r.prev !== hash) break;
      records.push(r);
      hash = recordHash(r);
    }
    const span = { from: records[0]!.seq, seq: records[records.length - 1]!.seq, hash };
    const sig = signBytes(this.o.key, chainHeadMessage(this.o.deviceId, span));
    return { records, head: { ...span, keyid: this.o.key.keyid, sig: encodeBase64(sig) } };
  }

  private async events(outbox: Outbox): Promise<void> {
    for (;;) {
      const entries = outbox.pending('event', this.eventBatch);
      if (entries.length === 0) return;
      const batch: EventBatch = { deviceId: this.o.deviceId, events: entries.map((e) => e.body) as EventBatch['events'] };
      const res = await this.post('events', batch);
      if (await this.refused(res, entries.length, outbox, entries[0]!.id, 'events', (n) => (this.eventBatch = n))) continue;
      const ack = parseJson(EventAck, res.text, 'event ack');
      const sent = new Set(entries.map((e) => e.id));
      const ids = ack.accepted.filter((id) => sent.has(id));
      await outbox.ack(ids);
      this.o.onAck?.('event', ids);
      this.eventBatch = MAX_BATCH;
      if (ids.length === 0) throw new PanoError('HTTP_STATUS', 'the report server acknowledged none of the events');
    }
  }

  private async heartbeats(outbox: Outbox): Promise<void> {
    const all: Entry[] = outbox.pending('heartbeat', Number.MAX_SAFE_INTEGER).reverse().slice(0, 5);
    for (const e of all) {
      const res = await this.post('heartbeat', e.body);
      if (await this.refused(res, 1, outbox, e.id, 'heartbeat', () => {})) continue;
      const ack = parseJson(HeartbeatAck, res.text, 'heartbeat ack');
      await outbox.ack([e.id]);
      this.o.onAck?.('heartbeat', [e.id]);
      if (ack.commands.length > 0) this.o.onCommands(ack.commands);
    }
  }

  /**
   * true: handled a refusal, try again (smaller batch, or the bad record set
   * aside). Throws for answers that mean "later" (5xx, 429, auth).
   */
  private async refused(res: { status: number; text: string }, size: number, outbox: Outbox, firstId: string, what: string, setBatch: (n: number) => void): Promise<boolean> {
    const { status } = res;
    if (status >= 200 && status < 300) return false;
    const permanent = status === 400 || status === 413 || status === 422;
    if (!permanent) {
      const code: ErrorCode = 'HTTP_STATUS';
      throw new PanoError(code, `POST ${what}: HTTP ${status}`);
    }
    if (size > 1) {
      // Halve until the offending record stands alone.
      setBatch(Math.max(1, Math.floor(size / 2)));
      return true;
    }
    const code = refusalCode(res.text);
    await outbox.setAside(firstId, `HTTP ${status} ${code} from ${what}`);
    this.o.onError(code, `${what} record ${firstId} refused by the server (HTTP ${status} ${code}); set aside`);
    return true;
  }
}

