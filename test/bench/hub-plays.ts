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
 * does the real work (signed head, chain check, insert) and never the cheaper
 * duplicate path. Batches are made per load run, before it starts (node's
 * native sha256 and Ed25519 keep that to ~1.5 ms a batch), and each is sent
 * once: asking for more than were made is an error, not a re-send.
 */
export class PlayBatches {
  readonly #chains: Chain[];
  #bodies: string[] = [];
  #cursor = 0;
  #overrun = 0;

  constructor(devices: { id: string; seed: string }[]) {
    this.#chains = devices.map((d) => {
      const seed = Buffer.from(d.seed, 'hex');
      return { id: d.id, key: createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, seed]), format: 'der', type: 'pkcs8' }), keyid: keyIdOf(keyPairFromSeed(seed).publicKey), seq: -1, prev: GENESIS_HASH };
    });
  }

  /** Replaces the pool with `perDevice` fresh batches for every device, in round-robin order; returns how many. */
  refill(perDevice: number): number {
    this.#bodies = [];
    this.#cursor = 0;
    this.#overrun = 0;
    for (let b = 0; b < perDevice; b++) for (const chain of this.#chains) this.#bodies.push(this.#batch(chain));
    return this.#bodies.length;
  }

  /** The next unsent batch: device id and body. Past the end it counts an overrun (see check()). */
  next(): { deviceIndex: number; body: string } {
    const i = this.#cursor++;
    if (i >= this.#bodies.length) this.#overrun++;
    // Past the end something must still be sent; check() then fails the figure.
    const at = Math.min(i, this.#bodies.length - 1);
    return { deviceIndex: at % this.#chains.length, body: this.#bodies[at]! };
  }

  /** Throws when any batch would have been sent twice. */
  check(): void {
    if (this.#overrun) throw new Error(`play batches: the pool of ${this.#bodies.length} ran out (${this.#overrun} re-sent); make more per run`);
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
    const sig = sign(null, chainHeadMessage(chain.id, chain.seq, chain.prev), chain.key).toString('base64');
    return JSON.stringify({ deviceId: chain.id, records, head: { seq: chain.seq, hash: chain.prev, keyid: chain.keyid, sig } });
  }
}
