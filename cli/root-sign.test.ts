import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPano } from './pano.fixtures.ts';

// `pano root sign`: root key holders sign the unsigned next root the hub prepared, each on their own machine (real `pano` processes).
let dir: string;
const pano = (...args: string[]) => runPano(dir, ...args);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const pub = (name: string) => JSON.parse(read(`keys/${name}.pub`)) as { keyid: string; public: string };

/** An independent check (Node's crypto, not Pano's verifier): the signature by `key` over PAE(root type, payload). */
function nodeVerifies(envelope: { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] }, key: string): boolean {
  const { public: b64, keyid } = pub(key);
  const sig = envelope.signatures.find((s) => s.keyid === keyid);
  if (!sig) return false;
  const payload = Buffer.from(envelope.payload, 'base64');
  const message = Buffer.concat([Buffer.from(`DSSEv1 ${envelope.payloadType.length} ${envelope.payloadType} ${payload.length} `), payload]);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(b64, 'base64')]);
  return nodeVerify(null, message, createPublicKey({ key: spki, format: 'der', type: 'spki' }), Buffer.from(sig.sig, 'base64'));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pano-root-sign-'));
  for (const name of ['r1', 'r2', 'hub', 'a1', 'a2']) expect(pano('keygen', '--out', 'keys', '--name', name).code).toBe(0);
  const init = pano('root', 'init', '--root-key', 'keys/r1.key', '--root-key', 'keys/r2.key', '--threshold', '2', '--publisher', 'keys/hub.pub', '--expires', '2031-01-01T00:00:00Z', '--out', 'root.json');
  expect(init.stderr).toBe('');
  // The next root as the hub prepares it: root metadata, v2, naming a board of two; these bytes are what gets signed.
  const current = JSON.parse(Buffer.from(JSON.parse(read('root.json')).payload, 'base64').toString('utf8'));
  const next = { ...current, version: 2, keys: { ...current.keys }, roles: { ...current.roles, board: { keyids: [pub('a1').keyid, pub('a2').keyid], threshold: 2 } } };
  for (const a of ['a1', 'a2']) next.keys[pub(a).keyid] = { keytype: 'ed25519', public: pub(a).public };
  writeFileSync(join(dir, 'next.json'), `${JSON.stringify(next, null, 2)}\n`);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pano root sign', () => {
  it('one of two root key holders signs: written, not complete; the second signs that file: complete, and the screen rule accepts it', () => {
    const first = pano('root', 'sign', 'next.json', '--root-key', 'keys/r1.key', '--from', 'root.json', '--out', 'half.json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('wrote half.json: root v2 with 1 signature(s)');
    expect(first.stdout).toMatch(/not complete yet \(THRESHOLD_NOT_MET\)/);
    const second = pano('root', 'sign', 'half.json', '--root-key', 'keys/r2.key', '--from', 'root.json', '--out', 'root-2.json');
    expect(second.stdout).toContain('root v2 with 2 signature(s)');
    expect(second.stdout).toContain('complete: a screen trusting the current root accepts root v2');
    const signed = JSON.parse(read('root-2.json'));
    // The exact bytes the hub prepared, never re-serialised.
    expect(Buffer.from(signed.payload, 'base64').toString('utf8')).toBe(read('next.json'));
    expect([nodeVerifies(signed, 'r1'), nodeVerifies(signed, 'r2'), nodeVerifies(signed, 'a1')]).toEqual([true, true, false]);
    const verify = pano('verify', 'root-2.json', '--root', 'root.json', '--root', 'root-2.json');
    // verify wants a playlist: the root chain itself was accepted (the refusal is about the playlist's payloadType).
    expect(verify.stderr.split(':')[0]).toBe('UNKNOWN_PAYLOAD_TYPE');
  });

  it('refuses a .pub, an existing output and a file that is not a root', () => {
    expect(pano('root', 'sign', 'next.json', '--root-key', 'keys/r1.pub', '--out', 'x.json').code).toBe(2);
    expect(pano('root', 'sign', 'next.json', '--root-key', 'keys/r1.key', '--out', 'root-2.json').code).toBe(2);
    writeFileSync(join(dir, 'not-root.json'), '{"type":"root","version":0}');
    const r = pano('root', 'sign', 'not-root.json', '--root-key', 'keys/r1.key', '--out', 'y.json');
    expect([r.code, r.stderr.split(':')[0]]).toEqual([1, 'SCHEMA_INVALID']);
  });
});
