import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, runPano } from './pano.fixtures.ts';

// The board's offline path as an approver runs it: real `pano` processes (pano.fixtures.ts) in a temp folder.
let dir: string;
const pano = (...args: string[]) => runPano(dir, ...args);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const NOW = ['--now', '2029-01-01T00:00:00Z'];

/** Joins approvers' detached signatures into one envelope, as the hub does. */
function envelopeWith(sigFiles: string[]): string {
  const frozen = JSON.parse(read('frozen.json'));
  const signatures = sigFiles.map((f) => {
    const { keyid, sig } = JSON.parse(read(f));
    return { keyid, sig };
  });
  return JSON.stringify({ payloadType: frozen.payloadType, payload: frozen.payload, signatures });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pano-board-'));
  for (const name of ['root', 'hub', 'a1', 'a2', 'a3']) expect(pano('keygen', '--out', 'keys', '--name', name).code).toBe(0);
  const init = pano('root', 'init', '--root-key', 'keys/root.key', '--publisher', 'keys/hub.pub', '--approver', 'keys/a1.pub', '--approver', 'keys/a2.pub',
    '--approver', 'keys/a3.pub', '--board-threshold', '2', '--expires', '2031-01-01T00:00:00Z', '--out', 'root.json');
  expect(init.stderr).toBe('');
  expect(init.stdout).toContain('a board of 3 approver(s) (threshold 2)');
  // The frozen submission as the hub serves it: the exact payload bytes, base64.
  const playlist = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  playlist.expiresAt = '2030-01-01T00:00:00Z';
  const payload = Buffer.from(`${JSON.stringify(playlist)}\n`);
  writeFileSync(join(dir, 'frozen.json'), JSON.stringify({ channel: playlist.channel, version: playlist.version, payloadType: 'application/vnd.pano.playlist+json', payload: payload.toString('base64') }));
  for (const a of ['a1', 'a2', 'hub']) {
    const r = pano('sign', '--submission', 'frozen.json', '--key', `keys/${a}.key`, '--out', `${a}.sig.json`);
    expect(r.stderr).toBe('');
  }
}, 90_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pano sign --submission and verify under a board', () => {
  it('writes {payloadSha256, keyid, sig}; the signature verifies with node:crypto over the PAE of the frozen bytes', () => {
    const frozen = JSON.parse(read('frozen.json'));
    const body = JSON.parse(read('a1.sig.json'));
    const payload = Buffer.from(frozen.payload, 'base64');
    expect(body.payloadSha256).toBe(createHash('sha256').update(payload).digest('hex'));
    expect(body.keyid).toBe(JSON.parse(read('keys/a1.pub')).keyid);
    const type = 'application/vnd.pano.playlist+json';
    const message = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${payload.length} `), payload]);
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(JSON.parse(read('keys/a1.pub')).public, 'base64')]);
    expect(nodeVerify(null, message, createPublicKey({ key: spki, format: 'der', type: 'spki' }), Buffer.from(body.sig, 'base64'))).toBe(true);
  });

  it('two approvers verify; one approver is THRESHOLD_NOT_MET; the hub key alone is ROLE_NOT_ALLOWED', () => {
    writeFileSync(join(dir, 'two.json'), envelopeWith(['a1.sig.json', 'a2.sig.json']));
    writeFileSync(join(dir, 'one.json'), envelopeWith(['a1.sig.json', 'hub.sig.json']));
    writeFileSync(join(dir, 'hub.json'), envelopeWith(['hub.sig.json']));
    const ok = pano('verify', 'two.json', '--root', 'root.json', ...NOW);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/signed by 2 of 3 approver key\(s\) \(threshold 2\)/);
    const one = pano('verify', 'one.json', '--root', 'root.json', ...NOW);
    expect([one.code, one.stderr.split(':')[0]]).toEqual([1, 'THRESHOLD_NOT_MET']);
    const hub = pano('verify', 'hub.json', '--root', 'root.json', ...NOW);
    expect([hub.code, hub.stderr.split(':')[0]]).toEqual([1, 'ROLE_NOT_ALLOWED']);
  });

  it('--explain lists each signature, its role and whether it counts and why, and the threshold; exit 1 when refused', () => {
    const env = JSON.parse(envelopeWith(['a1.sig.json', 'hub.sig.json', 'a1.sig.json']));
    env.signatures.push({ keyid: 'ab'.repeat(32), sig: env.signatures[0].sig.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')) });
    writeFileSync(join(dir, 'mixed.json'), JSON.stringify(env));
    const r = pano('verify', 'mixed.json', '--root', 'root.json', '--explain', ...NOW);
    expect(r.code).toBe(1);
    expect(r.stderr.split(':')[0]).toBe('THRESHOLD_NOT_MET');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('content role: board, threshold 2');
    expect(lines[1]).toMatch(/^signature 1: key [0-9a-f]{16}… \(board\): counts$/);
    expect(lines[2]).toMatch(/^signature 2: key [0-9a-f]{16}… \(publisher\): does not count: its key is not in the board role$/);
    expect(lines[3]).toMatch(/^signature 3: key [0-9a-f]{16}… \(board\): does not count: this key already signed/);
    expect(lines[4]).toMatch(/^signature 4: key abababababababab… \(unknown\): does not count: invalid, the key is not in this root$/);
    expect(lines[5]).toBe('threshold: 1 of 2 needed: not met');
    expect(lines[1]!.slice(17, 33)).toBe(JSON.parse(read('keys/a1.pub')).keyid.slice(0, 16));
  });

  it('--explain --lang vi words it in Vietnamese; a valid envelope exits 0 with the threshold met', () => {
    const r = pano('verify', 'two.json', '--root', 'root.json', '--explain', '--lang', 'vi', ...NOW);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('vai trò ký nội dung: hội đồng duyệt (board), ngưỡng 2');
    expect(r.stdout).toMatch(/chữ ký 1: khoá [0-9a-f]{16}… \(hội đồng duyệt \(board\)\): được tính/);
    expect(r.stdout).toContain('ngưỡng: có 2 trên 2 chữ ký cần thiết: đạt');
    const bad = pano('verify', 'two.json', '--root', 'root.json', '--explain', '--lang', 'fr', ...NOW);
    expect(bad.code).toBe(2);
  });

  it('a root whose approver is also the hub key is refused before it is written', () => {
    const r = pano('root', 'init', '--root-key', 'keys/root.key', '--publisher', 'keys/hub.pub', '--approver', 'keys/hub.pub',
      '--expires', '2031-01-01T00:00:00Z', '--out', 'bad-root.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^SCHEMA_INVALID: .*roles\.board\.keyids\.0/);
  });

  it('rotate keeps the board unless --approver replaces it', () => {
    const r = pano('root', 'rotate', '--from', 'root.json', '--root-key', 'keys/root.key', '--expires', '2031-01-01T00:00:00Z', '--out', 'root-2.json');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('a board of 3 approver(s) (threshold 2)');
  });
});
