import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PanoError } from '../../playlists/errors.ts';
import { parseJson } from '../../playlists/parse.ts';
import { ErrorCode } from '../../playlists/schemas/reports.ts';
import { Id, Instant, Sha256Hex } from '../../playlists/schemas/common.ts';
import type { RootMetadata } from '../../playlists/schemas/root.ts';
import { FreshnessStatement } from '../../playlists/schemas/freshness.ts';
import { verifyRootSelf } from '../../playlists/trust.ts';
import { statementSigners } from '../../playlists/trust-freshness.ts';
import { writeFileAtomic } from '../util/fs-atomic.ts';

export const Rejection = z.strictObject({
  code: ErrorCode,
  message: z.string().max(500),
  at: Instant,
  channel: Id.optional(),
  version: z.int().optional(),
});
export type Rejection = z.infer<typeof Rejection>;

const TrustState = z.strictObject({
  /** Highest verified version per channel, and the hash of its payload (tells a re-fetch from a conflict). */
  channels: z.record(Id, z.strictObject({ version: z.int().min(1), sha256: Sha256Hex })),
  current: z.strictObject({ channel: Id, version: z.int().min(1), sha256: Sha256Hex, adoptedAt: Instant }).nullable(),
  rejection: Rejection.nullable(),
  /** The newest verified freshness statement (its payload): an older one is refused as a replay. */
  freshness: FreshnessStatement.nullable().default(null),
});
export type TrustState = z.infer<typeof TrustState>;

/**
 * What the player trusts, on disk (data/trust/), each file replaced
 * atomically: root.dsse (newest trusted root), state.json (versions,
 * current, last rejection), current.dsse (last adopted envelope, exact bytes).
 */
export class TrustStore {
  private readonly dir: string;
  root!: RootMetadata;
  state: TrustState = { channels: {}, current: null, rejection: null, freshness: null };

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'trust');
  }

  /** `pinned` is the root from config (installer or pairing); the newer of it and the stored one wins. */
  async open(pinned: string | undefined): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const stored = await readFile(join(this.dir, 'root.dsse'), 'utf8').catch(() => undefined);
    const candidates = [stored, pinned].filter((t): t is string => t !== undefined).map((t) => ({ text: t, root: verifyRootSelf(t).value }));
    const best = candidates.sort((a, b) => b.root.version - a.root.version)[0];
    if (!best) throw new PanoError('MALFORMED', 'no trusted root: pass --root root.json (or pair with a hub)');
    this.root = best.root;
    if (best.text !== stored) await writeFileAtomic(join(this.dir, 'root.dsse'), best.text);
    const text = await readFile(join(this.dir, 'state.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) this.state = parseJson(TrustState, text, 'trust state');
  }

  async setRoot(root: RootMetadata, envelopeText: string): Promise<void> {
    await writeFileAtomic(join(this.dir, 'root.dsse'), envelopeText);
    const signers = (r: RootMetadata) => statementSigners(r).keys.map((k) => k.keyid).sort().join();
    // New statement keys: forget the trusted statement (TUF 5.3.11), so one fast-forwarded with a lost key cannot block the new ones.
    const rekeyed = signers(root) !== signers(this.root);
    this.root = root;
    if (rekeyed && this.state.freshness) {
      this.state.freshness = null;
      await this.save();
    }
  }

  /** A verified statement, newer than the trusted one: kept, and its channel versions raise the floors. */
  async vouched(statement: FreshnessStatement): Promise<void> {
    this.state.freshness = statement;
    for (const [channel, v] of Object.entries(statement.channels)) {
      const old = this.state.channels[channel];
      if (!old || old.version < v.version) this.state.channels[channel] = v;
    }
    await this.save();
  }

  async currentEnvelope(): Promise<Uint8Array | undefined> {
    return readFile(join(this.dir, 'current.dsse')).catch(() => undefined);
  }

  /** Records a verified version as the highest seen before its assets are fetched: rollback protection holds even mid-download. */
  async saw(channel: string, version: number, sha256: string): Promise<void> {
    const old = this.state.channels[channel];
    if (old && old.version >= version) return;
    this.state.channels[channel] = { version, sha256 };
    await this.save();
  }

  async adopt(envelope: Uint8Array, current: NonNullable<TrustState['current']>): Promise<void> {
    await writeFileAtomic(join(this.dir, 'current.dsse'), envelope);
    this.state.current = current;
    await this.save();
  }

  async reject(rejection: Rejection | null): Promise<void> {
    this.state.rejection = rejection;
    await this.save();
  }

  async forgetCurrent(): Promise<void> {
    await rm(join(this.dir, 'current.dsse'), { force: true });
    this.state.current = null;
    await this.save();
  }

  private save(): Promise<void> {
    return writeFileAtomic(join(this.dir, 'state.json'), `${JSON.stringify(this.state, null, 2)}\n`);
  }
}
