import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startPostgres } from './postgres.ts';

const PANO = join(import.meta.dirname, '..', '..', '..', 'cli', 'pano.js');

// The soak's db-restart fault killed the hub now and then: an idle pooled connection dropped by the
// restart was an unhandled 'error' event ("Connection terminated unexpectedly").
test('pano hub on PostgreSQL outlives a PostgreSQL restart and answers from the new connections', async () => {
  test.setTimeout(120_000);
  const pg = await startPostgres({ crashSafe: true });
  const data = mkdtempSync(join(tmpdir(), 'pano-hub-pgrestart-'));
  const child = spawn(process.execPath, [PANO, 'hub', '--port', '0', '--data', data, '--database', await pg.createDatabase('restart')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /^Pano hub on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m) resolve(m[1]!);
      });
      void exited.then((code) => reject(new Error(`pano hub exited (${code}) before it served: ${stderr}`)));
    });
    // Several requests at once leave several idle connections in the pool.
    const settings = () => fetch(`${url}/api/settings`).then((r) => r.status);
    expect(await Promise.all([settings(), settings(), settings(), settings()])).toEqual([200, 200, 200, 200]);
    await pg.restart();
    // The hub is still there and answers once PostgreSQL is back (a query caught mid-restart may fail: 500).
    await expect.poll(settings, { timeout: 30_000 }).toBe(200);
    expect(child.exitCode).toBeNull();
    expect(stderr).toContain('PostgreSQL: an idle connection was lost');
  } finally {
    child.kill('SIGTERM');
    await exited;
    await pg.stop();
    rmSync(data, { recursive: true, force: true });
  }
});
