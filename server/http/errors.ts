import type { BadPath, ErrorCode } from '../../playlists/errors.ts';
import type { ApiErrorCode } from '../../playlists/schemas/operator-api.ts';

/**
 * A refusal with an HTTP status, a stable code, the values a client needs to
 * word it (`params`), and for bad input every bad path. `message` is English,
 * for the CLI and logs; the studio words `code` + `params` in the user's language.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  /** Operator API codes, or the player's codes on the device protocol (SIGNATURE_INVALID, …). */
  readonly code: ApiErrorCode | ErrorCode;
  readonly issues: readonly BadPath[];
  readonly params: Record<string, unknown> | undefined;

  constructor(status: number, code: ApiErrorCode | ErrorCode, message: string, issues: readonly BadPath[] = [], params?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.params = params;
  }
}

export const unauthorized = (what = 'credentials') => new HttpError(401, 'UNAUTHORIZED', `missing or invalid ${what}`);
export const forbidden = (why: string, params?: Record<string, unknown>) => new HttpError(403, 'FORBIDDEN', why, [], params);
export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} not found`, [], { what });
export const conflict = (code: ApiErrorCode, message: string, params: Record<string, unknown>) => new HttpError(409, code, message, [], params);
