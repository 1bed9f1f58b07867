import type { z } from 'zod';
import { isPanoError } from '../../playlists/errors.ts';
import { parseUnknown } from '../../playlists/parse.ts';
import type { RouteSpec } from '../../playlists/schemas/operator-api.ts';
import { requireOperator, type Operator } from '../auth/sessions.ts';
import type { HubContext } from '../context.ts';
import { readJson } from './body.ts';
import { HttpError } from './errors.ts';
import { json } from './respond.ts';
import type { Ctx, Router } from './router.ts';

type Zod<T> = T extends z.ZodType ? T : never;
type Body<R extends RouteSpec> = R['body'] extends z.ZodType ? z.output<Zod<R['body']>> : undefined;
type Query<R extends RouteSpec> = R['query'] extends z.ZodType ? z.output<Zod<R['query']>> : undefined;
type Answer<R extends RouteSpec> = R['response'] extends z.ZodType ? z.input<Zod<R['response']>> : void;
type Who<R extends RouteSpec> = R['access'] extends { auth: 'operator' } ? Operator : undefined;

export interface Input<R extends RouteSpec> {
  ctx: Ctx;
  op: Who<R>;
  body: Body<R>;
  query: Query<R>;
  params: Record<string, string>;
}

/** A signed-in user with a one-time password may still reach these (to change it, or leave). */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['me', 'changePassword', 'setLanguage', 'logout']);

const isZod = (value: unknown): value is z.ZodType => typeof value === 'object' && value !== null && 'safeParse' in value;

/**
 * Bad input to the operator API is 422 with every issue (code and params); a
 * body that is not JSON stays 400 MALFORMED; trust refusals (signatures,
 * rollback) keep their codes.
 */
export function asHttp(error: unknown): unknown {
  if (error instanceof HttpError) {
    return error.status === 400 && (error.code === 'SCHEMA_INVALID' || error.code === 'REFERENCE_INVALID')
      ? new HttpError(422, error.code, error.message, error.issues, error.params)
      : error;
  }
  if (!isPanoError(error)) return error;
  const status = { SCHEMA_INVALID: 422, REFERENCE_INVALID: 422, ROLLBACK: 409, VERSION_CONFLICT: 409, ROLE_NOT_ALLOWED: 409, TOO_LARGE: 413, INTERNAL: 500 }[error.code as string] ?? 400;
  return new HttpError(status, error.code, error.message, error.issues);
}

/** Query string → the route's query schema (first value of each key; empty ones dropped). */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams, what: string): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== '' && !(key in raw)) raw[key] = value;
  try {
    return parseUnknown(schema, raw, what);
  } catch (error) {
    throw asHttp(error);
  }
}

/**
 * Registers one route of the operator API table: who may call it, its query
 * and JSON body parsed with the table's schemas, and its JSON answer checked
 * against the table's response schema before it leaves (so the contract the
 * studio builds against is the one the hub keeps). Raw answers (files, CSV)
 * are written by the handler itself.
 */
export function api<const R extends RouteSpec>(hub: HubContext, router: Router, spec: R, handler: (input: Input<R>) => Promise<Answer<R>> | Answer<R>, options: { maxBytes?: number } = {}): void {
  router.on(spec.method, spec.path, async (ctx) => {
    try {
      const op = spec.access.auth === 'operator' ? await requireOperator(hub, ctx, spec.access.role, { passwordChange: WHILE_PASSWORD_MUST_CHANGE.has(spec.id), what: spec.id }) : undefined;
      const query = spec.query ? parseQuery(spec.query, ctx.url.searchParams, `${spec.id} query`) : undefined;
      const body = isZod(spec.body) ? await readJson(ctx.req, spec.body, spec.id, options.maxBytes) : undefined;
      const answer = await handler({ ctx, op, body, query, params: ctx.params } as Input<R>);
      if (!isZod(spec.response)) return;
      const checked = spec.response.safeParse(answer);
      if (!checked.success) {
        hub.log(`${spec.id}: answer does not match the contract: ${checked.error.message}`);
        throw new HttpError(500, 'INTERNAL', 'internal error');
      }
      json(ctx.res, spec.status, checked.data);
    } catch (error) {
      throw asHttp(error);
    }
  });
}
