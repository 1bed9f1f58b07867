import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { decodeBase64, encodeBase64 } from '../../../playlists/base64.ts';
import { pae, serializeEnvelope, signEnvelope } from '../../../playlists/dsse.ts';
import { formatPrivateKeyFile, generateKeyPair, signBytes, type KeyPair } from '../../../playlists/keys.ts';
import type { Submission } from '../../../playlists/schemas/board.ts';
import { PAYLOAD_TYPES } from '../../../playlists/schemas/envelope.ts';
import { Playlist } from '../../../playlists/schemas/playlist.ts';
import type { RootMetadata } from '../../../playlists/schemas/root.ts';
import { verifyPlaylist } from '../../../playlists/trust.ts';
import { addUser, FakeDevice, op, opJson, simpleDraft, startTestHub, type Backend, type Session, type TestHub } from './helpers.ts';

const utf8 = new TextEncoder();
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A root whose board is three approvers, two of whom must sign; the hub's key signs device settings only. */
export function boardRoot(rootKey: KeyPair, hubKey: KeyPair, approvers: KeyPair[]): { root: RootMetadata; envelope: string } {
  const keys: RootMetadata['keys'] = {};
  for (const k of [rootKey, hubKey, ...approvers]) keys[k.keyid] = { keytype: 'ed25519', public: encodeBase64(k.publicKey) };
  const root: RootMetadata = {
    type: 'root',
    version: 1,
    expires: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    keys,
    roles: {
      root: { keyids: [rootKey.keyid], threshold: 1 },
      publisher: { keyids: [hubKey.keyid], threshold: 1 },
      hub: { keyids: [hubKey.keyid], threshold: 1 },
      board: { keyids: approvers.map((k) => k.keyid), threshold: 2 },
    },
  };
  return { root, envelope: serializeEnvelope(signEnvelope(PAYLOAD_TYPES.root, utf8.encode(JSON.stringify(root)), [rootKey])) };
}

/** What an approver's browser (or `pano sign --submission`) posts: a signature over PAE(type, the frozen bytes). */
export function approve(sub: Submission, key: KeyPair) {
  const payload = decodeBase64(sub.payload);
  return { payloadSha256: sha(payload), keyid: key.keyid, sig: encodeBase64(signBytes(key, pae(sub.payloadType, payload))) };
}

export const codeOf = async (res: Response) => ({ status: res.status, code: ((await res.json()) as { error?: { code?: string }; code?: string }).error?.code ?? 'none' });

export function defineBoardSuite(backend: Backend): void {
  test.describe(`${backend}: the editorial board`, () => {
    // The second test continues from the first one's published v1.
    test.describe.configure({ mode: 'serial' });
    let t: TestHub;
    let dir: string;
    const approvers = [generateKeyPair(), generateKeyPair(), generateKeyPair()];
    const authorKey = generateKeyPair();
    const hubKey = generateKeyPair();
    const { root, envelope: rootEnvelope } = boardRoot(generateKeyPair(), hubKey, approvers);
    let author: Session;
    let people: Session[];

    test.beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pano-board-'));
      writeFileSync(join(dir, 'root.json'), rootEnvelope);
      writeFileSync(join(dir, 'hub.key'), formatPrivateKeyFile(hubKey));
      t = await startTestHub(backend, { rootFile: join(dir, 'root.json'), publisherKeyFile: join(dir, 'hub.key') });
      author = await addUser(t, 'dung', 'approver');
      people = [await addUser(t, 'an', 'approver'), await addUser(t, 'binh', 'approver'), await addUser(t, 'chi', 'approver')];
      // Each registers only the public half of a key they alone hold.
      await opJson(t.url, author, 'POST', '/api/approver-keys', { public: encodeBase64(authorKey.publicKey) });
      for (const [i, s] of people.entries()) await opJson(t.url, s, 'POST', '/api/approver-keys', { public: encodeBase64(approvers[i]!.publicKey) });
    });
    test.afterAll(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('one signature publishes nothing; the author’s does not count; a signature over older bytes never counts; the second publishes an envelope screens accept', async () => {
      const device = await FakeDevice.pair(t, { channel: 'ca-mau' });
      const keys = await opJson<{ keys: { keyid: string; username: string; inBoard: boolean }[] }>(t.url, t.admin, 'GET', '/api/approver-keys');
      expect(keys.keys.map((k) => [k.username, k.inBoard])).toEqual([['dung', false], ['an', true], ['binh', true], ['chi', true]]);

      await opJson(t.url, author, 'PUT', '/api/channels/ca-mau/draft', { draft: simpleDraft('Bão số 9'), submit: true });
      const first = await opJson<Submission>(t.url, t.admin, 'GET', '/api/channels/ca-mau/submission');
      expect(first).toMatchObject({ channel: 'ca-mau', version: 1, threshold: 2, signatures: [], publishedVersion: null, submittedBy: 'dung' });
      // The frozen bytes are the whole payload: version and expiry included.
      const frozen = Playlist.parse(JSON.parse(new TextDecoder().decode(decodeBase64(first.payload))));
      expect([frozen.version, frozen.channel, Date.parse(frozen.expiresAt) > Date.now()]).toEqual([1, 'ca-mau', true]);
      expect(first.payloadSha256).toBe(sha(decodeBase64(first.payload)));

      const sign = (who: Session, body: unknown) => op(t.url, who, 'POST', '/api/channels/ca-mau/submission/signatures', body);
      expect(await codeOf(await sign(author, approve(first, authorKey)))).toEqual({ status: 403, code: 'OWN_SUBMISSION' });
      // A key registered to someone else, and a signature over other bytes claiming these, are refused.
      expect(await codeOf(await sign(people[0]!, approve(first, approvers[1]!)))).toEqual({ status: 400, code: 'SIGNATURE_INVALID' });
      const forged = { ...approve({ ...first, payload: encodeBase64(utf8.encode('{"other":true}')) }, approvers[0]!), payloadSha256: first.payloadSha256 };
      expect(await codeOf(await sign(people[0]!, forged))).toEqual({ status: 400, code: 'SIGNATURE_INVALID' });

      const one = await opJson<Submission>(t.url, people[0]!, 'POST', '/api/channels/ca-mau/submission/signatures', approve(first, approvers[0]!));
      expect(one.signatures.map((s) => [s.by, s.counts])).toEqual([['an', true]]);
      expect(one.publishedVersion).toBeNull();
      expect((await device.get(`/feed/${device.id}.json`)).status).not.toBe(200);
      // The hub's key cannot publish alone where the root names a board.
      expect(await codeOf(await op(t.url, t.admin, 'POST', '/api/channels/ca-mau/publish'))).toEqual({ status: 409, code: 'ROLE_NOT_ALLOWED' });

      // The draft changes: a new version to sign; an's signature stays with the old bytes.
      const changed = simpleDraft('Bão số 9 — cập nhật');
      await opJson(t.url, author, 'PUT', '/api/channels/ca-mau/draft', { draft: changed, submit: true });
      const second = await opJson<Submission>(t.url, t.admin, 'GET', '/api/channels/ca-mau/submission');
      expect(second.payloadSha256).not.toBe(first.payloadSha256);
      expect(second.signatures).toEqual([]);
      const stale = await sign(people[0]!, approve(first, approvers[0]!));
      expect(await codeOf(stale)).toEqual({ status: 409, code: 'SIGNATURE_INVALID' });
      const b = await opJson<Submission>(t.url, people[1]!, 'POST', '/api/channels/ca-mau/submission/signatures', approve(second, approvers[1]!));
      expect([b.signatures.length, b.publishedVersion]).toEqual([1, null]);

      const done = await opJson<Submission>(t.url, people[2]!, 'POST', '/api/channels/ca-mau/submission/signatures', approve(second, approvers[2]!));
      expect(done.publishedVersion).toBe(1);

      // What a screen gets: the exact frozen bytes, two approvers' signatures, accepted under the root.
      const res = await device.get(`/feed/${device.id}.json`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const verified = verifyPlaylist(text, { root, now: new Date(), payloadSchema: Playlist });
      expect(verified.payloadSha256).toBe(second.payloadSha256);
      expect(new Set(verified.keyids)).toEqual(new Set([approvers[1]!.keyid, approvers[2]!.keyid]));
      // And independently with Node's crypto.verify, signature by signature.
      const envelope = JSON.parse(text) as { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] };
      const message = pae(envelope.payloadType, decodeBase64(envelope.payload));
      for (const s of envelope.signatures) {
        const key = approvers.find((k) => k.keyid === s.keyid)!;
        const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key.publicKey)]);
        expect(nodeVerify(null, message, createPublicKey({ key: spki, format: 'der', type: 'spki' }), decodeBase64(s.sig))).toBe(true);
      }
      const detail = await opJson<{ version: number; state: string; history: { keyids: string[] }[] }>(t.url, t.admin, 'GET', '/api/channels/ca-mau');
      expect([detail.version, detail.state, detail.history[0]!.keyids.length]).toEqual([1, 'published', 2]);
    });

    test('an approver signing offline with pano sign --submission, and another at the same moment: published once, as v2', async () => {
      await opJson(t.url, author, 'PUT', '/api/channels/ca-mau/draft', { draft: simpleDraft('Triều cường'), submit: true });
      const sub = await opJson<Submission>(t.url, t.admin, 'GET', '/api/channels/ca-mau/submission');
      expect(sub.version).toBe(2);
      // The approver's own machine: the served submission and their key file, never the hub's.
      writeFileSync(join(dir, 'frozen.json'), JSON.stringify(sub));
      writeFileSync(join(dir, 'an.key'), formatPrivateKeyFile(approvers[0]!));
      const pano = join(import.meta.dirname, '..', '..', '..', 'cli', 'pano.js');
      const cli = spawnSync(process.execPath, [pano, 'sign', '--submission', 'frozen.json', '--key', 'an.key', '--out', 'an.sig.json'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      expect(cli.stderr).toBe('');
      const offline = JSON.parse(readFileSync(join(dir, 'an.sig.json'), 'utf8'));
      const answers = await Promise.all([
        op(t.url, people[0]!, 'POST', '/api/channels/ca-mau/submission/signatures', offline),
        op(t.url, people[2]!, 'POST', '/api/channels/ca-mau/submission/signatures', approve(sub, approvers[2]!)),
      ]);
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      const after = await opJson<Submission>(t.url, t.admin, 'GET', '/api/channels/ca-mau/submission');
      expect([after.publishedVersion, after.signatures.length]).toEqual([2, 2]);
      const detail = await opJson<{ version: number; history: { version: number }[] }>(t.url, t.admin, 'GET', '/api/channels/ca-mau');
      expect([detail.version, detail.history.map((h) => h.version)]).toEqual([2, [2, 1]]);
    });
  });
}
