/**
 * Every rejection carries a stable code: players report it in heartbeats,
 * the CLI prints it, the hub shows it. Codes never change meaning.
 */
export const ERROR_CODES = [
  // signatures and trust
  'SIGNATURE_INVALID',
  'THRESHOLD_NOT_MET',
  'UNKNOWN_PAYLOAD_TYPE',
  'EXPIRED',
  'ROLLBACK',
  'VERSION_CONFLICT',
  'TOO_LARGE',
  'ROOT_ROTATION_INVALID',
  // signed only by keys whose role may not sign this (e.g. the hub's key on content where the root names a board)
  'ROLE_NOT_ALLOWED',
  // counted only under the emergency role, but not an emergency takeover from the emergency templates (docs/signing.md)
  'EMERGENCY_ROLE_SCOPE',
  // counted only under the emergency role, and valid for longer than the root's maxDurationMinutes
  'EMERGENCY_TOO_LONG',
  // parsing
  'MALFORMED',
  'SCHEMA_INVALID',
  // playlist semantics
  'REFERENCE_INVALID',
  'AUDIENCE_MISMATCH',
  // not the playlist the hub's freshness statement names for this device now (a replay, or a mix-up)
  'NOT_CURRENT',
  // proof of play: a batch whose records are not all covered by its signed head (docs/protocol.md)
  'CHAIN_PAST_HEAD',
  'CHAIN_HEAD_MISMATCH',
  'CHAIN_NOT_LINKED',
  'CHAIN_HEAD_STALE',
  // player core (cache, sync, outbox)
  'HASH_MISMATCH',
  'SIZE_MISMATCH',
  'DOWNLOAD_FAILED',
  'CACHE_FULL',
  'DISK_FULL',
  'CLOCK_SKEW',
  'NETWORK',
  'HTTP_STATUS',
  'PLAYBACK_FAILED',
  'STALLED',
  /** The screen's page stopped posting play events (or playing) while it should: the core reloads it. */
  'RENDERER_STALLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BadPath {
  /** Dotted path into the input, e.g. `assets.promo.sha256` (empty for the root). */
  path: string;
  /** English, for logs and the CLI. */
  message: string;
  /** Machine code for a client to word it: zod's issue code (too_small, invalid_format, …) or `custom`. */
  code?: string;
  /** What the sentence needs: minimum, expected, values, and for Pano's own checks `rule` and the ids involved. */
  params?: Record<string, unknown>;
}

export class PanoError extends Error {
  override readonly name = 'PanoError';
  readonly code: ErrorCode;
  /** For SCHEMA_INVALID: every offending path. */
  readonly issues: readonly BadPath[];

  constructor(code: ErrorCode, message: string, issues: readonly BadPath[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }

  /** One line for logs and stderr: `CODE: message`. */
  toLine(): string {
    return `${this.code}: ${this.message}`;
  }
}

export function isPanoError(value: unknown, code?: ErrorCode): value is PanoError {
  return value instanceof PanoError && (code === undefined || value.code === code);
}

/** For exhaustive switches: the compiler proves this is never reached. */
export function assertNever(value: never, what = 'value'): never {
  throw new PanoError('INTERNAL', `Unexpected ${what}: ${JSON.stringify(value)}`);
}
