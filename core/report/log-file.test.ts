import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_PULL, LogPull } from '../../playlists/schemas/device-api.ts';
import { LogFile, redact, tailText } from './log-file.ts';

const text = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('tailText: the last N lines, within a byte bound', () => {
  it('gives the last N whole lines', () => {
    expect(tailText(text, { lines: 3, maxBytes: 10_000 })).toBe('line 8\nline 9\nline 10\n');
    expect(tailText(text, { lines: 100, maxBytes: 10_000 })).toBe(text);
    expect(tailText('', { lines: 5, maxBytes: 100 })).toBe('');
    expect(tailText('no newline at the end', { lines: 5, maxBytes: 100 })).toBe('no newline at the end\n');
  });

  it('stops at the byte bound before the line bound, dropping the line that does not fit whole', () => {
    // "line 9\nline 10\n" is 15 bytes; one byte less keeps only "line 10\n".
    expect(tailText(text, { lines: 5, maxBytes: 15 })).toBe('line 9\nline 10\n');
    expect(tailText(text, { lines: 5, maxBytes: 14 })).toBe('line 10\n');
    for (let max = 1; max < 60; max++) expect(bytes(tailText(text, { lines: 10, maxBytes: max }))).toBeLessThanOrEqual(max);
  });

  it('counts bytes of UTF-8, not characters, and never splits a character', () => {
    const vi = 'Màn hình đã nhận lệnh chụp ảnh\n'.repeat(20);
    for (let max = 1; max < 200; max += 7) {
      const out = tailText(vi, { lines: 1_000, maxBytes: max });
      expect(bytes(out)).toBeLessThanOrEqual(max);
      expect(out).not.toContain('\uFFFD');
    }
    // One line longer than the bound: its end, cut on a character boundary.
    const long = `${'đ'.repeat(100)}\n`;
    const cut = tailText(long, { lines: 1, maxBytes: 51 });
    expect(cut).toBe(`${'đ'.repeat(25)}\n`);
  });

  it('has bounds a hub cannot push past: the schema caps lines and bytes', () => {
    expect(LogPull.parse({})).toEqual({ lines: LOG_PULL.defaultLines, maxBytes: LOG_PULL.defaultBytes });
    expect(LogPull.safeParse({ lines: LOG_PULL.maxLines + 1 }).success).toBe(false);
    expect(LogPull.safeParse({ maxBytes: LOG_PULL.maxBytes + 1 }).success).toBe(false);
    expect(LogPull.safeParse({ lines: 0 }).success).toBe(false);
  });
});

describe('LogFile', () => {
  it('rotates at its cap: never more than two caps on disk, and the tail spans both files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pano-log-'));
    const log = new LogFile(dir, { capBytes: 1_000 });
    for (let i = 0; i < 200; i++) void log.write(`event ${i}`, new Date(Date.UTC(2026, 11, 4, 8, 0, i % 60)));
    await log.flush();
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['player.log', 'player.log.1']);
    const sizes = await Promise.all(files.map(async (f) => (await stat(join(dir, f))).size));
    for (const s of sizes) expect(s).toBeLessThanOrEqual(1_000);
    // A full cap's worth of lines (~28 of ~35 bytes) is always there: the rotated file holds one.
    const tail = await log.tail({ lines: 25, maxBytes: 100_000 });
    const lines = tail.trimEnd().split('\n');
    expect(lines).toHaveLength(25);
    expect(lines.at(-1)).toBe('2026-12-04T08:00:19.000Z event 199');
    expect(lines[0]).toMatch(/ event 175$/);
  });

  it('never writes a secret: the known tokens by value, and anything shaped like a credential', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pano-log-'));
    const token = 'dev-token-0123456789abcdef';
    const log = new LogFile(dir, { secrets: () => [token, undefined] });
    await log.write(`report: POST failed with ${token} in it`);
    await log.write('GET http://127.0.0.1:1234/?token=abcdef0123456789&display=main');
    await log.write('authorization: Bearer zzzzzzzzzzzzzzzz');
    await log.write('{"token":"s3cr3t-value-xyz"}\nsecond line');
    const written = await readFile(join(dir, 'player.log'), 'utf8');
    expect(written).not.toContain(token);
    expect(written).not.toContain('abcdef0123456789');
    expect(written).not.toContain('zzzzzzzz');
    expect(written).not.toContain('s3cr3t');
    expect(written.trimEnd().split('\n')).toHaveLength(4); // a newline inside a message does not forge a line
    expect(redact('display=main&token=x1', [])).toBe('display=main&token=[redacted]');
  });
});
