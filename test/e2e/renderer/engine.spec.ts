/**
 * The ZoneEngine alone in Chromium (engine-page/, built with Vite): cases
 * that need an exact moment, which a whole player cannot hit on purpose.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import { LOOP_STALL_MS } from '../../../renderer/playback/zone-engine.ts';

let dir: string;
let server: http.Server;
let base: string;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pano-engine-page-'));
  await build({ root: join(import.meta.dirname, 'engine-page'), base: './', logLevel: 'warn', build: { outDir: dir, emptyOutDir: true, target: 'chrome120' } });
  server = http.createServer(async (req, res) => {
    const rel = normalize(new URL(req.url ?? '/', 'http://x').pathname.slice(1) || 'index.html');
    const body = rel.startsWith('..') ? null : await readFile(join(dir, rel)).catch(() => null);
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': rel.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await rm(dir, { recursive: true, force: true });
});

test('the watchdog starts a loop again that stopped advancing (a lost wake-up)', async ({ page }) => {
  await page.goto(base);
  await page.evaluate(() => window.engineTest.start());
  await expect.poll(() => page.evaluate(() => window.engineTest.starts())).toBeGreaterThanOrEqual(2);
  await page.evaluate(() => window.engineTest.loseNextWakeUp());
  // The current item ends, its wake-up is lost: nothing starts for a while...
  const stuck = await page.evaluate(async () => {
    const before = window.engineTest.starts();
    await new Promise((r) => setTimeout(r, 1_000));
    return window.engineTest.starts() - before;
  });
  expect(stuck).toBeLessThanOrEqual(1);
  // ...until the watchdog sees the loop stopped and starts it again.
  const frozenAt = await page.evaluate(() => window.engineTest.starts());
  await expect.poll(() => page.evaluate(() => window.engineTest.starts()), { timeout: LOOP_STALL_MS + 10_000 }).toBeGreaterThan(frozenAt + 2);
  expect(await page.evaluate(() => window.engineTest.recoveries())).toBe(1);
});
