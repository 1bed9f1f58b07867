import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../playlists/schemas/operator-api.ts';
import { createHub, type Hub } from '../hub.ts';

/** The route table of playlists/schemas/operator-api.ts and the hub's router are the same list, and the OpenAPI document says so. */
describe('operator API: routes, table and OpenAPI document in step', () => {
  let hub: Hub;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pano-openapi-'));
    hub = await createHub({ dataDir: dir, port: 0 });
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

  it('has a table entry for every route the hub answers, and a route for every entry', () => {
    const served = hub.router.list().map(key).sort();
    const table = ROUTES.map(key).sort();
    expect(served.filter((r) => !table.includes(r)), 'routes without a table entry').toEqual([]);
    expect(table.filter((r) => !served.includes(r)), 'table entries without a route').toEqual([]);
    expect(new Set(served).size).toBe(served.length);
    expect(new Set(ROUTES.map((r) => r.id)).size).toBe(ROUTES.length);
  });

  it('serves an OpenAPI 3.1 document with one operation per route, its role and its schemas', async () => {
    const res = await fetch(`${hub.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string; 'x-pano-role'?: string; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown> }>> };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.map((o) => `${o.method.toUpperCase()} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`).sort()).toEqual(ROUTES.map(key).sort());
    const createUser = doc.paths['/api/users']!.post!;
    expect(createUser['x-pano-role']).toBe('admin');
    expect(createUser.requestBody!.content['application/json']!.schema).toMatchObject({ properties: { role: { enum: ['viewer', 'editor', 'approver', 'admin'] } }, required: ['username', 'role'] });
    expect(Object.keys(createUser.responses)).toEqual(['201', 'default']);
    expect(doc.paths['/api/media/{sha}']!.delete!.operationId).toBe('deleteMedia');
  });
});
