import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findPgBin } from './pg-bin.ts';

export interface TestPostgres {
  /** postgres://… of a fresh, empty database. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server at once (as a crash would) and starts it again on the same port and data (the soak's database fault). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * A real PostgreSQL for the test run: initdb in a temp dir, started on a free
 * loopback port. initdb refuses root, so as root it runs as the `postgres`
 * user (Debian's package creates it). Fails loudly: nothing is skipped.
 */
export async function startPostgres(options: { crashSafe?: boolean } = {}): Promise<TestPostgres> {
  const BIN = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'pano-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => (asRoot ? { cmd: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] } : { cmd, args });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const init = run(join(BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'pano', '-E', 'UTF8', '--no-sync']);
  try {
    execFileSync(init.cmd, init.args, { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`initdb failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`, { cause: error });
  }
  const port = await freePort();
  // Fast and unsafe for tests. crashSafe (the soak, which crashes the server with an immediate
  // stop) keeps synchronous_commit on, PostgreSQL's default: with it off, a commit the hub has
  // already acknowledged can be lost in the crash (up to 3 × wal_writer_delay), and the screen,
  // told its records are stored, has let them go. fsync stays off: the kernel keeps the writes.
  const durability = options.crashSafe ? [] : ['-c', 'synchronous_commit=off'];
  const server = run(join(BIN, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', ...durability, '-c', 'full_page_writes=off']);
  const base = `postgres://pano@127.0.0.1:${port}`;
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(server.cmd, server.args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`PostgreSQL exited at start (code ${child.exitCode}):\n${log}`);
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`PostgreSQL did not accept connections within 20 s:\n${log}`);
        }
        // Polling a starting server: there is no event to wait for.
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  await launch();
  const stopNow = () => {
    // pg_ctl stops the postmaster itself (a signal to runuser would not reach it).
    const stop = run(join(BIN, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']);
    try {
      execFileSync(stop.cmd, stop.args, { stdio: 'pipe' });
    } catch {
      child.kill('SIGKILL');
    }
  };
  // A test run that dies without afterAll must not leave a server behind.
  const onExit = () => {
    stopNow();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return {
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      await client.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/g, '_')}"`);
      await client.end();
      return `${base}/${name.replace(/[^a-z0-9_]/g, '_')}`;
    },
    async restart() {
      const exited = new Promise((r) => child.once('exit', r));
      stopNow();
      await exited;
      await launch();
    },
    async stop() {
      process.off('exit', onExit);
      const exited = new Promise((r) => child.once('exit', r));
      stopNow();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
