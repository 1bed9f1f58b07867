import type { ErrorCode } from '../playlists/errors.ts';
import type { Command } from '../playlists/schemas/device-api.ts';
import type { DownloadProgress, PlayerState } from '../playlists/schemas/local-api.ts';
import type { Heartbeat, PlayRecord } from '../playlists/schemas/reports.ts';
import type { RevocationNotice } from '../playlists/schemas/device-trust.ts';
import type { AppliedSettings } from './sync/settings.ts';
import type { Rejection } from './sync/trust-store.ts';

/** Errors are data (hls.js style): where, which code, and whether the core stopped. */
export interface CoreError {
  type: 'sync' | 'cache' | 'outbox' | 'report' | 'pairing' | 'api' | 'renderer' | 'power' | 'internal';
  code: ErrorCode;
  message: string;
  fatal: boolean;
}

/** Everything the core announces; `core.on(name, fn)` gets the matching payload type. */
export interface CoreEvents {
  state: PlayerState;
  /** A playlist became current (on start from the cache, or after staging). */
  adopted: { channel: string; version: number; sha256: string };
  rejected: Rejection;
  progress: DownloadProgress;
  error: CoreError;
  /** A play record is on disk (acknowledged write). */
  recorded: PlayRecord;
  heartbeat: Heartbeat;
  acked: { kind: 'play' | 'event' | 'heartbeat'; ids: string[] };
  command: Command;
  /** A newer root (a rotation) is trusted from now on. */
  root: { version: number; expiresAt: string };
  /** The hub's signed revocation notice was verified: the pairing is dropped and a new one starts. */
  revoked: RevocationNotice;
  /** The hub's signed device settings were verified and applied. */
  settings: AppliedSettings;
  /** The memory guard starts a display's Chromium afresh (core/chromium/memory-guard.ts). */
  maintenance: NonNullable<Heartbeat['maintenance']>;
}
