import { createHash } from 'node:crypto';
import type { ErrorCode, PanoError } from '../../playlists/errors.ts';

/** Refusals that depend only on the bytes and the trusted root: the same bytes under the same root get the same answer. */
const BYTES_ONLY: ReadonlySet<ErrorCode> = new Set(['TOO_LARGE', 'MALFORMED', 'SCHEMA_INVALID', 'UNKNOWN_PAYLOAD_TYPE', 'SIGNATURE_INVALID', 'THRESHOLD_NOT_MET', 'ROLE_NOT_ALLOWED']);

/**
 * The last few envelopes refused for what they are, by sha256 and root
 * version, so a host that keeps serving the same bad bytes (with no ETag, or
 * a new one each time) costs a hash per poll instead of a parse and a
 * signature check. Time- and state-dependent refusals (EXPIRED, ROLLBACK,
 * NOT_CURRENT…) are never remembered: they can change without the bytes.
 */
export class RefusedBytes {
  readonly #verdicts = new Map<string, PanoError>();
  readonly #max: number;

  constructor(max = 16) {
    this.#max = max;
  }

  static key(bytes: Uint8Array, rootVersion: number): string {
    return `${createHash('sha256').update(bytes).digest('hex')}@${rootVersion}`;
  }

  get(key: string): PanoError | undefined {
    return this.#verdicts.get(key);
  }

  remember(key: string, error: PanoError): void {
    if (!BYTES_ONLY.has(error.code)) return;
    this.#verdicts.delete(key);
    this.#verdicts.set(key, error);
    if (this.#verdicts.size > this.#max) this.#verdicts.delete(this.#verdicts.keys().next().value!);
  }
}
