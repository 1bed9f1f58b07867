import type { ServerResponse } from 'node:http';
import type { BadPath } from '../../playlists/errors.ts';

export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/**
 * Set on every hub response before any route runs, so a handler that writes
 * its own headers (files, streams, redirects, errors) cannot forget them: a
 * browser never sniffs a hub response into script or HTML. Headers a handler
 * passes to writeHead() still win.
 */
export function baselineHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** The ApiError body of playlists/schemas/operator-api.ts: every issue with a code and params. */
export function errorBody(code: string, message: string, issues: readonly BadPath[] = [], params?: Record<string, unknown>) {
  return {
    error: {
      code,
      message,
      ...(params ? { params } : {}),
      ...(issues.length ? { issues: issues.map((i) => ({ path: i.path, code: i.code ?? 'custom', params: i.params ?? {}, message: i.message })) } : {}),
    },
  };
}
