import type { z } from 'zod';
import { parseUnknown } from '../../playlists/parse.ts';
import { pathOf, type RouteSpec } from '../../playlists/schemas/operator-api.ts';
import { ApiError, send } from './transport.ts';

export { ApiError, errorFrom, headersFor, parseBody, setCsrf, signalSignedOut, whenSignedOut, type Issue } from './transport.ts';

/**
 * The one door to the hub's operator API: routes come from the shared route
 * table (playlists/schemas/operator-api.ts), every answer is parsed with that
 * route's schema; the wire (CSRF token, refusals as ApiError) is transport.ts.
 */

type JsonRoute = RouteSpec & { response: z.ZodType };

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: unknown;
}

export function urlOf(route: RouteSpec, options: CallOptions = {}): string {
  const path = pathOf(route.path, options.params);
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined && v !== '') query.set(k, v);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function call<R extends JsonRoute>(route: R, options: CallOptions = {}): Promise<z.infer<R['response']>> {
  const parsed = await send(route.method, urlOf(route, options), options.body);
  try {
    return parseUnknown(route.response, parsed, `${route.method} ${route.path}`) as z.infer<R['response']>;
  } catch (error) {
    throw new ApiError(200, 'SCHEMA_INVALID', (error as Error).message);
  }
}
