import { z } from 'zod';
import { API, ApiError, ROUTES, type RouteSpec } from '../../playlists/schemas/operator-api.ts';
import type { HubContext } from '../context.ts';
import { api } from './api.ts';
import type { Router } from './router.ts';

type Json = Record<string, unknown>;

const isZod = (value: unknown): value is z.ZodType => typeof value === 'object' && value !== null && 'safeParse' in value;

/** zod → JSON Schema 2020-12 (what OpenAPI 3.1 uses); requests as their input type, answers as their output type. */
const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  return rest;
};

const SECURITY: Record<RouteSpec['access']['auth'], Json[]> = {
  public: [],
  device: [{ deviceToken: [] }],
  reader: [{ deviceToken: [] }, { session: [] }, { operatorToken: [] }],
  operator: [{ session: [] }, { operatorToken: [] }],
};

function operation(spec: RouteSpec): Json {
  const pathParams = [...spec.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = spec.query ? schemaOf(spec.query, 'input') : undefined;
  const required = new Set((query?.required as string[] | undefined) ?? []);
  const queryParams = Object.entries((query?.properties as Record<string, Json> | undefined) ?? {}).map(([name, schema]) => ({ name, in: 'query', required: required.has(name), schema }));
  const body = spec.body === undefined ? undefined : isZod(spec.body) ? { 'application/json': { schema: schemaOf(spec.body, 'input') } } : { [spec.body.raw]: { schema: spec.body.schema ? schemaOf(spec.body.schema, 'input') : {} } };
  const answer = isZod(spec.response) ? { 'application/json': { schema: schemaOf(spec.response, 'output') } } : { [spec.response.raw]: { schema: spec.response.schema ? schemaOf(spec.response.schema, 'output') : {} } };
  return {
    operationId: spec.id,
    summary: spec.summary,
    ...(spec.access.auth === 'operator' ? { 'x-pano-role': spec.access.role, description: `Needs the ${spec.access.role} role or above.` } : {}),
    security: SECURITY[spec.access.auth],
    ...(pathParams.length || queryParams.length ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(body ? { requestBody: { required: true, content: body } } : {}),
    responses: {
      [String(spec.status)]: { description: 'OK', content: answer },
      default: { description: 'A refusal: a stable code, params for a sentence in the user’s language, and for bad input every issue', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } },
    },
  };
}

/** The OpenAPI 3.1 document of the hub, generated from the route table and its zod schemas. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Json> = {};
  for (const spec of ROUTES) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pano hub',
      version,
      description: 'The operator API (the studio and scripts) and the device protocol (docs/protocol.md). Generated from playlists/schemas/operator-api.ts.',
    },
    paths,
    components: {
      schemas: { ApiError: schemaOf(ApiError, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'pano_session', description: 'From POST /api/login; unsafe methods also need X-CSRF-Token (from /api/me) and a same-origin Origin.' },
        operatorToken: { type: 'http', scheme: 'bearer', description: 'pano_op_… from POST /api/tokens' },
        deviceToken: { type: 'http', scheme: 'bearer', description: 'pano_dev_… handed to a screen at pairing' },
      },
    },
  };
}

/** GET /api/openapi.json: built once, on first request (it walks every schema: ~70 ms). */
export function openApiRoute(hub: HubContext, router: Router, version: string): void {
  let text: string | undefined;
  api(hub, router, API.openapi, ({ ctx }) => {
    text ??= JSON.stringify(openApiDocument(version));
    ctx.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    ctx.res.end(ctx.req.method === 'HEAD' ? undefined : text);
  });
}
