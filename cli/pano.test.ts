import { spawn } from 'node:child_process';
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, PANO, runPano } from './pano.fixtures.ts';

// The CLI as operators run it: a real Node process (process.execPath is the
// Node that runs vitest, so it strips types like `npx pano` does) in a temp folder (pano.fixtures.ts).
let dir: string;
const pano = (...args: string[]) => runPano(dir, ...args);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const write = (name: string, data: string | Buffer) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), data);
};
const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const media = {
  'media/promo.mp4': Buffer.alloc(3000, 7),
  'media/doc/index.m3u8': '#EXTM3U\n#EXTINF:4,\nseg-000.ts\n#EXTINF:4,\nseg-001.ts\n#EXT-X-ENDLIST\n',
  'media/doc/seg-000.ts': Buffer.alloc(1880, 1),
  'media/doc/seg-001.ts': Buffer.alloc(940, 2),
};

/** The minimal example plus a video and an HLS VOD asset, without hashes. */
function draft(edit: (p: any) => void = () => {}): string {
  const p = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  p.assets = {
    promo: { type: 'video/mp4', urls: ['https://cdn.example.org/x/promo.mp4'] },
    doc: { type: 'application/vnd.apple.mpegurl', urls: ['doc/index.m3u8'], files: [{ path: 'seg-000.ts' }, { path: 'seg-001.ts' }] },
  };
  p.items.promo = { kind: 'video', asset: 'promo' };
  p.items.doc = { kind: 'hls', mode: 'vod', asset: 'doc' };
  p.sequences.main.items.push('promo', 'doc');
  p.expiresAt = '2030-01-01T00:00:00Z';
  edit(p);
  return JSON.stringify(p, null, 2);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pano-cli-'));
  for (const [name, data] of Object.entries(media)) write(name, data);
  write('draft.json', draft());
  for (const name of ['root1', 'root2', 'pub1', 'pub2']) expect(pano('keygen', '--out', 'keys', '--name', name).code).toBe(0);
  const init = pano('root', 'init', '--root-key', 'keys/root1.key', '--publisher', 'keys/pub1.pub', '--publisher', 'keys/pub2.pub',
    '--expires', '2031-01-01T00:00:00Z', '--out', 'root.json');
  expect(init.stderr).toBe('');
  const sign = pano('sign', 'draft.json', '--key', 'keys/pub1.key', '--media', 'media', '--out', 'signed.json');
  expect(sign.stderr).toBe('');
  expect(sign.stdout).toMatch(/signed minimal v1 \(2 asset\(s\), 2 hashed from media\)/);
  // Six real `pano` processes, each a cold Node start: seconds apiece on a loaded 2-core machine (10 s was too short).
}, 90_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pano keygen', () => {
  it('writes NAME.key with mode 0600 and NAME.pub, and refuses to overwrite', () => {
    expect(statSync(join(dir, 'keys/pub1.key')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(read('keys/pub1.pub'))).toEqual({ keytype: 'ed25519', keyid: expect.stringMatching(/^[0-9a-f]{64}$/), public: expect.any(String) });
    const before = read('keys/pub1.key');
    const again = pano('keygen', '--out', 'keys', '--name', 'pub1');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(read('keys/pub1.key')).toBe(before);
  });
});

describe('pano sign + verify', () => {
  it('pins every asset from --media, including each HLS file', () => {
    const env = JSON.parse(read('signed.json'));
    expect(env.payloadType).toBe('application/vnd.pano.playlist+json');
    const playlist = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8'));
    expect(playlist.assets.promo).toMatchObject({ sha256: sha(media['media/promo.mp4']), size: 3000 });
    expect(playlist.assets.doc).toMatchObject({ sha256: sha(media['media/doc/index.m3u8']), size: media['media/doc/index.m3u8'].length });
    expect(playlist.assets.doc.files).toEqual([
      { path: 'seg-000.ts', sha256: sha(media['media/doc/seg-000.ts']), size: 1880 },
      { path: 'seg-001.ts', sha256: sha(media['media/doc/seg-001.ts']), size: 940 },
    ]);
  });

  it('its signatures verify with node:crypto over a PAE built by hand', () => {
    const env = JSON.parse(read('signed.json'));
    const payload = Buffer.from(env.payload, 'base64');
    const type = Buffer.from(env.payloadType, 'utf8');
    const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
    const pub = JSON.parse(read('keys/pub1.pub'));
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(pub.public, 'base64').toString('base64url') }, format: 'jwk' });
    expect(env.signatures).toEqual([{ keyid: pub.keyid, sig: expect.any(String) }]);
    expect(nodeVerify(null, pae, key, Buffer.from(env.signatures[0].sig, 'base64'))).toBe(true);
  });

  it('verify: exit 0 and a one-line summary', () => {
    const r = pano('verify', 'signed.json', '--root', 'root.json', '--now', '2029-01-01T00:00:00Z');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^OK: minimal v1, 2 asset\(s\), signed by 1 of 2 publisher key\(s\) \(threshold 1\), expires 2030-01-01T00:00:00Z, root v1\n$/);
  });

  const at2029 = ['--root', 'root.json', '--now', '2029-01-01T00:00:00Z'];
  it.each([
    ['a tampered payload', () => {
      const env = JSON.parse(read('signed.json'));
      env.payload = Buffer.from(Buffer.from(env.payload, 'base64').toString().replace('"minimal"', '"minimax"')).toString('base64');
      write('tampered.json', JSON.stringify(env));
      return ['tampered.json', ...at2029];
    }, 'SIGNATURE_INVALID'],
    ['an older version than trusted', () => ['signed.json', ...at2029, '--trusted-version', '2'], 'ROLLBACK'],
    ['an expired playlist', () => ['signed.json', '--root', 'root.json', '--now', '2030-06-01T00:00:00Z'], 'EXPIRED'],
    ['a root instead of a playlist', () => ['root.json', ...at2029], 'UNKNOWN_PAYLOAD_TYPE'],
    ['a key file as root', () => ['signed.json', '--root', 'keys/pub1.pub'], 'SCHEMA_INVALID'],
  ])('verify rejects %s: exit 1, "CODE: reason" on stderr', (_name, args, code) => {
    const r = pano('verify', ...args());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${code}: .+\\n$`));
  });

  it.each([
    ['no --media, assets without hashes', draft(), [], 'SCHEMA_INVALID'],
    ['a declared hash that disagrees with the file', draft((p) => (p.assets.promo.sha256 = sha('other'))), ['--media', 'media'], 'HASH_MISMATCH'],
    ['a declared size that disagrees with the file', draft((p) => (p.assets.promo.size = 1)), ['--media', 'media'], 'SIZE_MISMATCH'],
    ['an asset with no file and no hash', draft((p) => (p.assets.promo.urls = ['media/missing.mp4'])), ['--media', 'media'], 'SCHEMA_INVALID'],
    ['a playlist failing the schema', draft((p) => (p.version = 0)), ['--media', 'media'], 'SCHEMA_INVALID'],
  ])('sign refuses %s', (_name, text, extra, code) => {
    write('bad.json', text);
    const r = pano('sign', 'bad.json', '--key', 'keys/pub1.key', ...extra, '--out', 'bad-signed.json');
    expect(r.stderr).toMatch(new RegExp(`^${code}: `));
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'bad-signed.json'))).toBe(false);
  });
});

describe('pano root rotate', () => {
  it('a valid rotation is followed by verify; old publishers then no longer count', () => {
    const r = pano('root', 'rotate', '--from', 'root.json', '--root-key', 'keys/root1.key', '--new-root-key', 'keys/root2.key',
      '--publisher', 'keys/pub2.pub', '--expires', '2031-01-01T00:00:00Z', '--out', 'root-2.json');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/root v2, .* \(rotated from v1\)/);
    const v = pano('verify', 'signed.json', '--root', 'root.json', '--root', 'root-2.json', '--now', '2029-01-01T00:00:00Z');
    expect(v.stderr).toMatch(/^SIGNATURE_INVALID: /);
    expect(pano('sign', 'draft.json', '--key', 'keys/pub2.key', '--media', 'media', '--out', 'signed-2.json').code).toBe(0);
    const ok = pano('verify', 'signed-2.json', '--root', 'root.json', '--root', 'root-2.json', '--now', '2029-01-01T00:00:00Z');
    expect(ok.stdout).toMatch(/^OK: .* root v2\n$/);
  });

  it('--hub names the key that signs freshness statements; a rotation keeps it unless replaced', () => {
    expect(pano('keygen', '--out', 'keys', '--name', 'hub1').code).toBe(0);
    const init = pano('root', 'init', '--root-key', 'keys/root1.key', '--publisher', 'keys/pub1.pub', '--hub', 'keys/hub1.pub', '--expires', '2031-01-01T00:00:00Z', '--out', 'root-hub.json');
    expect(init.stdout).toMatch(/1 publisher key\(s\) \(threshold 1\), 1 hub key\(s\)/);
    const hubKeyid = (JSON.parse(read('keys/hub1.pub')) as { keyid: string }).keyid;
    const roles = (file: string) => (JSON.parse(Buffer.from((JSON.parse(read(file)) as { payload: string }).payload, 'base64').toString()) as { roles: { hub?: { keyids: string[]; threshold: number } } }).roles;
    expect(roles('root-hub.json').hub).toEqual({ keyids: [hubKeyid], threshold: 1 });
    const rotated = pano('root', 'rotate', '--from', 'root-hub.json', '--root-key', 'keys/root1.key', '--expires', '2031-06-01T00:00:00Z', '--out', 'root-hub-2.json');
    expect(rotated.stderr).toBe('');
    expect(roles('root-hub-2.json').hub).toEqual({ keyids: [hubKeyid], threshold: 1 });
  });

  it('refuses a rotation signed only by the new keys, and writes nothing', () => {
    const r = pano('root', 'rotate', '--from', 'root.json', '--root-key', 'keys/root2.key', '--new-root-key', 'keys/root2.key',
      '--expires', '2031-01-01T00:00:00Z', '--out', 'root-bad.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^SIGNATURE_INVALID: root v2 \(keys of root v1\)/);
    expect(existsSync(join(dir, 'root-bad.json'))).toBe(false);
  });
});

describe('usage', () => {
  it.each([
    ['an unknown flag', ['verify', 'signed.json', '--root', 'root.json', '--bogus']],
    ['a missing required option', ['root', 'init', '--root-key', 'keys/root1.key', '--publisher', 'keys/pub1.pub', '--expires', '30d']],
    ['a bad threshold', ['root', 'init', '--root-key', 'keys/root1.key', '--publisher', 'keys/pub1.pub', '--threshold', 'two', '--expires', '30d', '--out', 'x.json']],
    ['an expiry in the past', ['root', 'init', '--root-key', 'keys/root1.key', '--publisher', 'keys/pub1.pub', '--expires', '2001-01-01T00:00:00Z', '--out', 'x.json']],
    ['a public key to sign with', ['sign', 'draft.json', '--key', 'keys/pub1.pub', '--out', 'x.json']],
    ['two playlists', ['sign', 'a.json', 'b.json', '--key', 'keys/pub1.key', '--out', 'x.json']],
    ['a missing input file', ['verify', 'nope.json', '--root', 'root.json']],
    ['an unsafe key name', ['keygen', '--out', 'keys', '--name', '../evil']],
    ['an unknown command', ['frobnicate']],
    ['an unknown root subcommand', ['root', 'grow']],
    ['no command at all', []],
  ])('%s → exit 2', (_name, args) => {
    const r = pano(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toBe('');
  });

  it('pano --help lists every command; pano CMD --help documents every option', () => {
    const main = pano('--help');
    expect(main.code).toBe(0);
    for (const c of ['keygen', 'root', 'sign', 'verify']) expect(main.stdout).toContain(c);
    const options: Record<string, string[]> = {
      keygen: ['--out', '--name'],
      root: ['init', 'rotate', '--root-key', '--threshold', '--publisher', '--publisher-threshold', '--expires', '--out', '--from', '--new-root-key'],
      sign: ['--key', '--media', '--out'],
      verify: ['--root', '--trusted-version', '--now'],
    };
    for (const [cmd, flags] of Object.entries(options)) {
      const r = pano(cmd, '--help');
      expect(r.code).toBe(0);
      for (const flag of flags) expect(r.stdout).toContain(flag);
    }
  });
});

describe('pano hub and pano player run by hand', () => {
  /** Starts `pano ARGS`, waits for `ready` on its output, stops it with Ctrl+C; resolves with everything it printed. */
  const runUntil = (args: string[], ready: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [PANO, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`no ${ready} in:\n${out}`));
      }, 20_000);
      const seen = (chunk: Buffer) => {
        out += chunk.toString();
        if (ready.test(out)) child.kill('SIGINT');
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(out);
      });
    });

  it('print no ExperimentalWarning (node:sqlite, type stripping): nothing an operator can act on', async () => {
    const hub = await runUntil(['hub', '--data', 'hub-data', '--port', '0'], /Pano hub on http/);
    expect(hub).toMatch(/Pano hub on http/);
    expect(hub).not.toMatch(/ExperimentalWarning|experimental feature/);
    const player = await runUntil(['player', '--shell', 'none', '--hub', 'http://127.0.0.1:9', '--data', 'player-data'], /display main: http/);
    expect(player).toMatch(/display main: http/);
    expect(player).not.toMatch(/ExperimentalWarning|experimental feature/);
  });
});
