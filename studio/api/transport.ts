/**
 * The wire under the studio's one door to the hub (client.ts): fetch with the
 * CSRF token on unsafe calls, a 401 reported as the end of the session, and
 * refusals turned into ApiError with the hub's stable code, params and bad
 * fields. No schema lives here: the login page loads this without zod and the
 * API contract, and its answers are parsed by the signed-in chunk before use
 * (app/SignedIn.tsx); every other answer is parsed by `call`.
 */

/** A bad field, as the hub or the studio's own check of a draft reports it. */
export interface Issue {
  path: string;
  code: string;
  params: Record<string, unknown>;
  message?: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly issues: readonly Issue[];

  constructor(status: number, code: string, message: string, params: Record<string, unknown> = {}, issues: readonly Issue[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.params = params;
    this.issues = issues;
  }
}

let csrf = '';
let onSignedOut: (() => void) | null = null;

export function setCsrf(token: string | null): void {
  csrf = token ?? '';
}

/** Called once by the app: a 401 on any call means the session ended (expired, signed out elsewhere, account disabled). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function headersFor(method: string, contentType: string | null): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (contentType) headers['content-type'] = contentType;
  if (UNSAFE.has(method) && csrf) headers['x-csrf-token'] = csrf;
  return headers;
}

/** The hub's `{ error: { code, message, params?, issues? } }`, or a stand-in for anything else (a proxy's page). */
export function errorFrom(status: number, body: unknown): ApiError {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (error && typeof error.code === 'string') {
    const issues = Array.isArray(error.issues) ? (error.issues as Issue[]).map((i) => ({ ...i, params: i.params ?? {} })) : [];
    const params = error.params && typeof error.params === 'object' ? (error.params as Record<string, unknown>) : {};
    return new ApiError(status, error.code, typeof error.message === 'string' ? error.message : error.code, params, issues);
  }
  return new ApiError(status, status === 0 ? 'NETWORK' : 'HTTP_STATUS', `HTTP ${status}`, { status });
}

export function signalSignedOut(status: number, path: string): void {
  if (status === 401 && !path.startsWith('/api/login')) onSignedOut?.();
}

/** A JSON body, or null for an empty or non-JSON one (a proxy's error page). */
export function parseBody(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/** One JSON call; the answer's body as JSON, not yet checked (callers parse it with the route's schema). */
export async function send(method: string, url: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: headersFor(method, body !== undefined ? 'application/json' : null),
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  const parsed = parseBody(await res.text());
  if (!res.ok) {
    signalSignedOut(res.status, url);
    throw errorFrom(res.status, parsed);
  }
  return parsed;
}
