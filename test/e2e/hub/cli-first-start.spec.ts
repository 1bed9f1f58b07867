import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { login } from './helpers.ts';

const PANO = join(import.meta.dirname, '..', '..', '..', 'cli', 'pano.js');

/** `pano hub` as an operator runs it: stdout until `until` matches, then SIGTERM; every line and the exit code. */
async function runHub(data: string, until: RegExp, whileUp: (lines: string[]) => Promise<void>): Promise<{ lines: string[]; code: number | null }> {
  const child = spawn(process.execPath, [PANO, 'hub', '--port', '0', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  // 'close', not 'exit': every line of stdout has been read by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const rl = createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    rl.on('line', (line) => {
      lines.push(line);
      if (until.test(line)) resolve();
    });
    void exited.then((code) => reject(new Error(`pano hub exited (${code}) before printing ${until}:\n${lines.join('\n')}\n${stderr}`)));
  });
  await whileUp(lines);
  child.kill('SIGTERM');
  const code = await exited;
  return { lines, code };
}

test('pano hub: the first start prints a working admin login once; the next start does not', async () => {
  const data = mkdtempSync(join(tmpdir(), 'pano-hub-cli-'));
  try {
    const first = await runHub(data, /^\(shown only this once\)$/, async (lines) => {
      const printed = lines.map((l) => /^ {2}(http:\/\/127\.0\.0\.1:\d+)\/login {3}user: admin {3}password: (\S+)$/.exec(l)).find(Boolean);
      expect(printed, lines.join('\n')).toBeTruthy();
      // The printed password signs in on the printed address.
      const session = await login(printed![1]!, 'admin', printed![2]!);
      expect(session.csrf.length).toBeGreaterThan(10);
    });
    expect(first.lines[0]).toMatch(/^Pano hub on http:\/\/127\.0\.0\.1:\d+ \(data .*, SQLite\)$/);
    expect(first.lines).toContain('First start: an admin account was created. Sign in once and add your own users:');
    expect(first.code).toBe(0); // SIGTERM closes the hub cleanly

    const second = await runHub(data, /^Pano hub on /, async () => undefined);
    expect(second.code).toBe(0);
    expect(second.lines.join('\n')).not.toMatch(/password|First start/);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test('pano hub on a busy port says so in one line and exits non-zero', async () => {
  const data = mkdtempSync(join(tmpdir(), 'pano-hub-cli-'));
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as AddressInfo).port;
  try {
    const child = spawn(process.execPath, [PANO, 'hub', '--port', String(port), '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    const lines = stderr.split('\n').filter((l) => l && !/ExperimentalWarning|--trace-warnings/.test(l));
    expect(lines, stderr).toEqual([`pano hub: port ${port} on 127.0.0.1 is already in use (another hub, or another program); stop it or choose another port with --port`]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
  } finally {
    busy.close();
    rmSync(data, { recursive: true, force: true });
  }
});
