import { PanoError, isPanoError, type ErrorCode } from '../../playlists/errors.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { verifyPlaylist } from '../../playlists/trust.ts';
import { fetchAll, type FetchProgress } from '../cache/fetcher.ts';
import { planCache, type CachePlan } from '../cache/plan.ts';
import type { ObjectStore } from '../cache/store.ts';
import type { CoreConfig } from '../config.ts';
import type { Clock } from '../util/clock.ts';
import type { Response } from '../util/http.ts';
import type { SkewTracker } from './clock-skew.ts';
import { fetchPlaylist, fetchRootRotations, type SourceOptions } from './source.ts';
import { RefusedBytes } from './refused.ts';
import { fetchFreshness } from './freshness.ts';
import { requireCurrent } from '../../playlists/trust-freshness.ts';
import type { Rejection, TrustStore } from './trust-store.ts';

export interface Staged {
  channel: string;
  version: number;
  sha256: string;
  envelope: Uint8Array;
  /** The exact verified payload text. */
  payloadText: string;
  playlist: Playlist;
  plan: CachePlan;
}

export interface SyncHooks {
  adopted(p: Staged): void;
  rejected(r: Rejection): void;
  progress(p: FetchProgress, pending: Staged | null): void;
  error(code: ErrorCode, message: string): void;
  /** Called after every answer from the playlist host (clock skew may have changed). */
  contact(): void;
  /** A newer root was verified and stored. */
  root(root: { version: number; expiresAt: string }): void;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function requireAudience(playlist: Playlist, deviceId: string, tags: readonly string[]): void {
  const audience = playlist.audience;
  const ok = audience.all || audience.devices.includes(deviceId) || audience.tags.some((t) => tags.includes(t));
  if (!ok) throw new PanoError('AUDIENCE_MISMATCH', `playlist ${playlist.channel} v${playlist.version} is not addressed to ${deviceId}`);
}

/** The freshness statement could not be fetched (network, HTTP status): try again, refuse nothing. */
class Unreachable extends Error {
  override readonly cause: PanoError;
  constructor(cause: PanoError) {
    super(cause.message);
    this.cause = cause;
  }
}

/**
 * Sync → verify → cache → adopt. One check at a time; a newer playlist
 * arriving mid-download replaces the pending one. Never replaces the current
 * playlist with anything unverified or incomplete.
 */
export class SyncEngine {
  current: Staged | null = null;
  pending: Staged | null = null;
  progress: FetchProgress = { assetsReady: 0, assetsTotal: 0, bytesDone: 0, bytesTotal: 0 };
  lastContactAt: number | null = null;
  /** Files downloading now: sha256 → bytes done / total (per-asset progress for `pano status`). */
  inFlight: ReadonlyMap<string, { done: number; total: number }> = new Map();
  private etag: string | undefined;
  /** Raw-clock time of the last look for root rotations; the first poll of a run always looks. */
  private rootCheckedAt = Number.NEGATIVE_INFINITY;
  private readonly refused = new RefusedBytes();
  private fetching: { sha256: string; abort: AbortController; done: Promise<boolean> } | null = null;
  private readonly cfg: CoreConfig;
  private readonly deviceId: string;
  private readonly trust: TrustStore;
  private readonly store: ObjectStore;
  private readonly clock: Clock;
  private readonly skew: SkewTracker;
  private readonly hooks: SyncHooks;
  private readonly headersFor: (url: string) => Record<string, string>;

  constructor(o: {
    cfg: CoreConfig;
    deviceId: string;
    trust: TrustStore;
    store: ObjectStore;
    clock: Clock;
    skew: SkewTracker;
    hooks: SyncHooks;
    headersFor: (url: string) => Record<string, string>;
  }) {
    this.cfg = o.cfg;
    this.deviceId = o.deviceId;
    this.trust = o.trust;
    this.store = o.store;
    this.clock = o.clock;
    this.skew = o.skew;
    this.hooks = o.hooks;
    this.headersFor = o.headersFor;
  }

  /** The server-corrected time used for expiry decisions. */
  now(): number {
    return this.clock.now() + this.skew.offsetMs();
  }

  /** Hashes that eviction must never touch. */
  protect(): Set<string> {
    const set = new Set<string>();
    for (const p of [this.current, this.pending]) for (const w of p?.plan.wanted ?? []) set.add(w.sha256);
    return set;
  }

  /**
   * Offline start: the last adopted envelope, re-checked against the trusted
   * root (the disk is not trusted blindly), becomes current at once when its
   * files are in the cache. Its expiry is not checked: a black screen is worse.
   */
  async loadCurrent(playlistUrl: string): Promise<void> {
    const envelope = await this.trust.currentEnvelope();
    if (!envelope) return;
    try {
      // Epoch as `now` skips only the expiry check; signatures and schema still count.
      const v = verifyPlaylist(envelope, { root: this.trust.root, now: new Date(0), payloadSchema: Playlist, maxBytes: this.cfg.maxPlaylistBytes });
      const staged = this.stage(envelope, v.value, v.payload, v.payloadSha256, playlistUrl);
      if (staged.plan.wanted.every((w) => this.store.has(w.sha256, w.size))) {
        this.current = staged;
        this.progress = { assetsReady: staged.plan.wanted.length, assetsTotal: staged.plan.wanted.length, bytesDone: staged.plan.bytesTotal, bytesTotal: staged.plan.bytesTotal };
        this.hooks.adopted(staged);
      } else {
        // Files went missing: fetch them again before showing it.
        this.pending = staged;
      }
    } catch (error) {
      this.hooks.error(isPanoError(error) ? error.code : 'INTERNAL', `stored playlist unusable: ${(error as Error).message}`);
    }
  }

  /** One poll: fetch (conditional), verify, stage, fetch assets, adopt. Throws on network errors (the poller backs off). */
  async check(playlistUrl: string): Promise<void> {
    const opts = this.sourceOptions();
    try {
      const fetched = await fetchPlaylist(playlistUrl, this.etag, opts).catch(async (error: unknown) => {
        // An oversized playlist is a refusal like a bad signature, not a network hiccup.
        if (isPanoError(error, 'TOO_LARGE')) await this.reject(error, undefined, undefined);
        throw error;
      });
      this.lastContactAt = this.clock.now();
      this.hooks.contact();
      if (fetched.kind === 'changed') {
        const accepted = await this.consider(fetched.bytes, playlistUrl, opts);
        // A host error (network) leaves the ETag unset so the same bytes are fetched again.
        if (accepted !== 'retry') this.etag = fetched.etag;
      }
      if (this.clock.now() - this.rootCheckedAt >= this.cfg.rootCheckIntervalMs) {
        await this.followRoot(playlistUrl, opts).catch((e: unknown) => this.hooks.error(isPanoError(e) ? e.code : 'INTERNAL', (e as Error).message));
      }
    } finally {
      // Downloads run beside polling, so a newer playlist can replace a pending one mid-download.
      const pending = this.pending;
      if (pending) void this.fill(pending).catch((e: unknown) => this.hooks.error('DOWNLOAD_FAILED', String(e)));
    }
  }

  /** Resolves when no download is running (tests and the CLI's --once). */
  async idle(): Promise<void> {
    while (this.fetching) await this.fetching.done.catch(() => false);
  }

  private async consider(bytes: Uint8Array, playlistUrl: string, opts: SourceOptions): Promise<'ok' | 'rejected' | 'retry'> {
    const same = (p: Staged | null) => p !== null && Buffer.compare(Buffer.from(p.envelope), Buffer.from(bytes)) === 0;
    if (same(this.current) || same(this.pending)) return 'ok';
    // The same bad bytes again (a host without ETags, or a hostile one): the verdict stands, nothing is parsed.
    const known = this.refused.get(RefusedBytes.key(bytes, this.trust.root.version));
    if (known) {
      if (this.trust.state.rejection?.message !== known.message) await this.reject(known, undefined, undefined);
      return 'rejected';
    }
    try {
      await this.followRoot(playlistUrl, opts);
    } catch (error) {
      if (isPanoError(error) && (error.code === 'HTTP_STATUS' || error.code === 'NETWORK')) {
        this.hooks.error(error.code, error.message);
        return 'retry';
      }
      await this.reject(error, undefined, undefined);
      return 'rejected';
    }
    let channel: string | undefined;
    let version: number | undefined;
    // A refusal of the hub's statement says nothing about these bytes: it is not remembered against them.
    let askedHub = false;
    try {
      const v = verifyPlaylist(bytes, { root: this.trust.root, now: new Date(this.now()), payloadSchema: Playlist, maxBytes: this.cfg.maxPlaylistBytes });
      channel = v.value.channel;
      version = v.value.version;
      const known = this.trust.state.channels[channel];
      if (known && version < known.version) {
        throw new PanoError('ROLLBACK', `playlist version ${version} is lower than the trusted version ${known.version}`);
      }
      if (known && version === known.version && known.sha256 !== v.payloadSha256) {
        throw new PanoError('VERSION_CONFLICT', `playlist version ${version} differs from the trusted playlist of the same version`);
      }
      // A paired screen's tags are the ones the hub signed for it now (an operator may have re-tagged it since pairing).
      let tags = this.cfg.tags;
      if (this.cfg.freshnessUrl) {
        // Only what the hub vouches for this screen now, whatever the host served (docs/signing.md, "Freshness").
        askedHub = true;
        const statement = await fetchFreshness(this.cfg.freshnessUrl, this.trust, this.deviceId, new Date(this.now()), opts).catch((e: unknown) => {
          throw isPanoError(e) && (e.code === 'HTTP_STATUS' || e.code === 'NETWORK') ? new Unreachable(e) : e;
        });
        if (statement.tags) tags = statement.tags;
        requireAudience(v.value, this.deviceId, tags);
        requireCurrent(statement, { channel, version, sha256: v.payloadSha256 });
      } else {
        requireAudience(v.value, this.deviceId, tags);
      }
      const staged = this.stage(bytes, v.value, v.payload, v.payloadSha256, playlistUrl);
      await this.trust.saw(channel, version, v.payloadSha256);
      this.replacePending(staged);
      return 'ok';
    } catch (error) {
      if (error instanceof Unreachable) {
        // The hub could not be asked: not a verdict on these bytes; the same ones are fetched again.
        this.hooks.error(error.cause.code, error.cause.message);
        return 'retry';
      }
      if (isPanoError(error) && !askedHub) this.refused.remember(RefusedBytes.key(bytes, this.trust.root.version), error);
      await this.reject(error, channel, version);
      return 'rejected';
    }
  }

  /** Looks for root rotations, stores a verified newer root; throws EXPIRED when the trusted root has expired. */
  private async followRoot(playlistUrl: string, opts: SourceOptions): Promise<void> {
    this.rootCheckedAt = this.clock.now();
    const rotated = await fetchRootRotations(playlistUrl, this.trust.root, new Date(this.now()), opts);
    if (!rotated) return;
    await this.trust.setRoot(rotated.root, rotated.text);
    this.hooks.root({ version: rotated.root.version, expiresAt: rotated.root.expires });
  }

  private stage(envelope: Uint8Array, playlist: Playlist, payload: Uint8Array, sha256: string, playlistUrl: string): Staged {
    return { channel: playlist.channel, version: playlist.version, sha256, envelope, payloadText: utf8.decode(payload), playlist, plan: planCache(playlist, playlistUrl) };
  }

  private replacePending(staged: Staged): void {
    if (this.fetching && this.fetching.sha256 !== staged.sha256) this.fetching.abort.abort();
    this.pending = staged;
  }

  /** Fetches the pending playlist's files; adopts it when all are verified. */
  private async fill(staged: Staged): Promise<void> {
    if (!this.fetching || this.fetching.sha256 !== staged.sha256) {
      const abort = new AbortController();
      const done = fetchAll(this.store, staged.plan.wanted, {
        concurrency: this.cfg.downloadConcurrency,
        retries: this.cfg.downloadRetries,
        idleTimeoutMs: this.cfg.idleTimeoutMs,
        retryBaseMs: this.cfg.retryBaseMs,
        headersFor: this.headersFor,
        clock: this.clock,
        protect: this.protect(),
        signal: abort.signal,
        onProgress: (p, files) => {
          this.progress = p;
          this.inFlight = files;
          this.hooks.progress(p, staged);
        },
        onError: (code, message) => this.hooks.error(code, message),
      });
      this.fetching = { sha256: staged.sha256, abort, done };
    }
    const fetching = this.fetching;
    const complete = await fetching.done;
    if (this.fetching === fetching) this.fetching = null;
    if (!complete || this.pending !== staged) return;
    await this.trust.adopt(staged.envelope, { channel: staged.channel, version: staged.version, sha256: staged.sha256, adoptedAt: new Date(this.now()).toISOString() });
    if (this.trust.state.rejection) await this.trust.reject(null);
    this.current = staged;
    this.pending = null;
    this.hooks.adopted(staged);
  }

  /** A cached file of the current playlist went bad: fetch it again (current keeps playing meanwhile). */
  repair(): void {
    const current = this.current;
    if (!current || this.pending) return;
    if (current.plan.wanted.every((w) => this.store.has(w.sha256, w.size))) return;
    this.pending = current;
    void this.fill(current).catch((e: unknown) => this.hooks.error('DOWNLOAD_FAILED', String(e)));
  }

  private async reject(error: unknown, channel: string | undefined, version: number | undefined): Promise<void> {
    const e = isPanoError(error) ? error : new PanoError('INTERNAL', String(error));
    const r: Rejection = { code: e.code, message: e.message.slice(0, 500), at: new Date(this.now()).toISOString(), ...(channel ? { channel } : {}), ...(version ? { version } : {}) };
    await this.trust.reject(r);
    this.hooks.rejected(r);
  }

  stop(): void {
    this.fetching?.abort.abort();
  }

  private sourceOptions(): SourceOptions {
    return {
      idleTimeoutMs: this.cfg.idleTimeoutMs,
      maxBytes: this.cfg.maxPlaylistBytes,
      headersFor: this.headersFor,
      now: this.clock.now,
      observe: (res: Response) => this.skew.observe(typeof res.headers.date === 'string' ? res.headers.date : undefined, res.sentAt, res.receivedAt),
    };
  }
}
