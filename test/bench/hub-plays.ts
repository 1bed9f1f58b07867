import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { chainHeadMessage, GENESIS_HASH } from '../../playlists/chain.ts';
import { keyIdOf, keyPairFromSeed } from '../../playlists/keys.ts';
import type { PlayRecord } from '../../playlists/schemas/reports.ts';
import { hashRecord } from '../../server/reports/record-hash.ts';

/** PKCS#8 DER prefix of a raw Ed25519 seed (RFC 8410), so node:crypto signs with the device's key. */
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');

interface Chain {
  id: string;
  key: KeyObject;
  keyid: string;
  seq: number;
  prev: string;
}

/**
 * Signed batches of 100 records continuing each device's chain, so the hub
 * does the real work (signed head, coverage and chain check, insert) and
 * never the cheaper duplicate path. Batches are made per load run, before it
 * starts (node's native sha256 and Ed25519 keep that to ~1.5 ms a batch), and
 * each is sent once: asking for more than were made is an error, not a
 * re-send. Like a screen's uploader, a device never has two batches in
 * flight: each load connection sends only its own devices' batches, in order
 * (the hub refuses a batch whose head is older than one it already took).
 */
export class PlayBatches {
  readonly #chains: Chain[];
  #bodies: string[][] = [];
  #cursors: number[] = [];
  #turns = new Map<number, number>();
  #overrun = 0;
  #made = 0;

  constructor(devices: { id: string; seed: string }[]) {
    this.#chains = devices.map((d) => {
      const seed = Buffer.from(d.seed, 'hex');
      return { id: d.id, key: createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, seed]), format: 'der', type: 'pkcs8' }), keyid: keyIdOf(keyPairFromSeed(seed).publicKey), seq: -1, prev: GENESIS_HASH };
    });
  }

  /** Replaces the pool with `perDevice` fresh batches for every device; returns how many. */
  refill(perDevice: number): number {
    this.#bodies = this.#chains.map((chain) => Array.from({ length: perDevice }, () => this.#batch(chain)));
    this.#cursors = this.#chains.map(() => 0);
    this.#turns.clear();
    this.#overrun = 0;
    this.#made = perDevice * this.#chains.length;
    return this.#made;
  }

  /**
   * The next unsent batch for load connection `slot` of `slots`: its devices
   * are those whose index is slot mod slots, taken in turn. Past the end of a
   * device's batches it counts an overrun (see check()).
   */
  next(slot: number, slots: number): { deviceIndex: number; body: string } {
    const mine = this.#chains.map((_, i) => i).filter((i) => i % slots === slot % slots);
    const turn = this.#turns.get(slot) ?? 0;
    this.#turns.set(slot, turn + 1);
    const deviceIndex = mine[turn % mine.length]!;
    const queue = this.#bodies[deviceIndex]!;
    const i = this.#cursors[deviceIndex]!++;
    if (i >= queue.length) this.#overrun++;
    // Past the end something must still be sent; check() then fails the figure.
    return { deviceIndex, body: queue[Math.min(i, queue.length - 1)]! };
  }

  /**
   * Like next(), but each batch is made when it is asked for: 2 million records are about 800 MB of JSON,
   * too many to make beforehand, and a pause to make more would give the hub's checkpointer quiet time
   * that sustained writes never give it.
   */
  make(slot: number, slots: number): { deviceIndex: number; body: string } {
    const mine = this.#chains.map((_, i) => i).filter((i) => i % slots === slot % slots);
    const turn = this.#turns.get(slot) ?? 0;
    this.#turns.set(slot, turn + 1);
    const deviceIndex = mine[turn % mine.length]!;
    return { deviceIndex, body: this.#batch(this.#chains[deviceIndex]!) };
  }

  /** Throws when any batch would have been sent twice. */
  check(): void {
    if (this.#overrun) throw new Error(`play batches: the pool of ${this.#made} ran out (${this.#overrun} re-sent); make more per run`);
  }

  #batch(chain: Chain): string {
    const records: PlayRecord[] = [];
    for (let i = 0; i < 100; i++) {
      const seq = ++chain.seq;
      const start = Date.UTC(2026, 10, 20) + seq * 10_000;
      const r: PlayRecord = {
        id: randomUUID(),
        deviceId: chain.id,
        seq,
        prev: chain.prev,
        channel: 'bench',
        playlistVersion: 1,
        display: 'main',
        zone: 'main',
        itemId: `item-${seq % 7}`,
        kind: 'video',
        startedAt: new Date(start).toISOString(),
        endedAt: new Date(start + 10_000).toISOString(),
        durationMs: 10_000,
        outcome: 'completed',
      };
      chain.prev = hashRecord(r);
      records.push(r);
    }
    const span = { from: records[0]!.seq, seq: chain.seq, hash: chain.prev };
    const sig = sign(null, chainHeadMessage(chain.id, span), chain.key).toString('base64');
    return JSON.stringify({ deviceId: chain.id, records, head: { ...span, keyid: chain.keyid, sig } });
  }
}
