import type { BadPath } from '../../playlists/errors.ts';

/** A refusal with an HTTP status, a stable code and, for bad input, every bad path. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly issues: readonly BadPath[];

  constructor(status: number, code: string, message: string, issues: readonly BadPath[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export const unauthorized = (what = 'credentials') => new HttpError(401, 'UNAUTHORIZED', `missing or invalid ${what}`);
export const forbidden = (why: string) => new HttpError(403, 'FORBIDDEN', why);
export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} not found`);
