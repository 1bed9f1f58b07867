import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../playlists/base64.ts';
import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { generateKeyPair, parsePrivateKeyFile } from '../../playlists/keys.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { RootMetadata } from '../../playlists/schemas/root.ts';
import { verifyRootUpdate } from '../../playlists/trust.ts';
import { addUser, op, opJson, startTestHub, type Session, type TestHub } from '../../test/e2e/hub/helpers.ts';

// Preparing the next root on a real hub (HTTP, SQLite): the board's keys from the registered ones, the role rules as issues with a rule.
let t: TestHub;
const approvers: { session: Session; keyid: string }[] = [];

beforeAll(async () => {
  t = await startTestHub('sqlite');
  for (const name of ['an', 'binh', 'chi']) {
    const session = await addUser(t, name, 'approver');
    const key = generateKeyPair();
    const registered = await opJson<{ keyid: string }>(t.url, session, 'POST', '/api/approver-keys', { public: encodeBase64(key.publicKey) });
    approvers.push({ session, keyid: registered.keyid });
  }
}, 60_000);

afterAll(() => t?.close());

const EXPIRES = '2031-01-01T00:00:00Z';
const prepare = (body: unknown) => op(t.url, t.admin, 'POST', '/api/roots/prepare', body);

describe('POST /api/roots/prepare', () => {
  it('answers the unsigned next root: the chosen board, every other role kept; signed by the root key it is stored and served', async () => {
    const before = await opJson<{ version: number; roles: Record<string, unknown> }>(t.url, t.admin, 'GET', '/api/roots/current');
    expect(before.version).toBe(1);
    const res = await prepare({ approvers: approvers.map((a) => a.keyid), threshold: 2, expires: EXPIRES });
    expect(res.status).toBe(200);
    const prepared = (await res.json()) as { version: number; payload: string; fileName: string };
    expect([prepared.version, prepared.fileName]).toEqual([2, 'root-2.unsigned.json']);
    const payload = decodeBase64(prepared.payload);
    const next = RootMetadata.parse(JSON.parse(new TextDecoder().decode(payload)));
    expect(next.roles.board).toEqual({ keyids: approvers.map((a) => a.keyid), threshold: 2 });
    expect([next.roles.root, next.roles.publisher, next.roles.hub]).toEqual([before.roles.root, before.roles.publisher, before.roles.hub]);
    expect(next.expires).toBe(EXPIRES);

    const rootKey = parsePrivateKeyFile(readFileSync(join(t.dataDir, 'keys', 'DEMO-root.key'), 'utf8'));
    const signed = serializeEnvelope(signEnvelope(PAYLOAD_TYPES.root, payload, [rootKey]));
    const v1 = RootMetadata.parse(JSON.parse(new TextDecoder().decode(decodeBase64(JSON.parse(await (await op(t.url, t.admin, 'GET', '/feed/root/1.json')).text()).payload))));
    expect(verifyRootUpdate(v1, [signed], new Date()).root.version).toBe(2);
    expect((await op(t.url, t.admin, 'POST', '/api/roots', JSON.parse(signed))).status).toBe(201);
    expect((await opJson<{ version: number }>(t.url, t.admin, 'GET', '/api/roots/current')).version).toBe(2);
    const keys = await opJson<{ keys: { inBoard: boolean }[] }>(t.url, t.admin, 'GET', '/api/approver-keys');
    expect(keys.keys.map((k) => k.inBoard)).toEqual([true, true, true]);
  });

  it('refuses with one issue per bad field, each with the rule the studio words', async () => {
    const issues = async (body: unknown) => {
      const res = await prepare(body);
      expect(res.status).toBe(422);
      return ((await res.json()) as { error: { issues: { path: string; params?: { rule?: string } }[] } }).error.issues.map((i) => [i.path, i.params?.rule]);
    };
    const [a, b] = approvers.map((x) => x.keyid);
    expect(await issues({ approvers: [a, b], threshold: 3, expires: EXPIRES })).toEqual([['threshold', 'thresholdAboveKeys']]);
    expect(await issues({ approvers: [a, 'ab'.repeat(32)], threshold: 1, expires: EXPIRES })).toEqual([['approvers.1', 'keyNotRegistered']]);
    expect(await issues({ approvers: [a, a], threshold: 1, expires: EXPIRES })).toEqual([['approvers', 'keyTwice']]);
    expect(await issues({ approvers: [a], threshold: 1, expires: '2020-01-01T00:00:00Z' })).toEqual([['expires', 'expiresPast']]);
    // The hub's own key registered as an approver's: the board would let the hub sign content alone.
    const hubKey = parsePrivateKeyFile(readFileSync(join(t.dataDir, 'keys', 'publisher.key'), 'utf8'));
    const mallory = await addUser(t, 'mallory', 'approver');
    expect((await op(t.url, mallory, 'POST', '/api/approver-keys', { public: encodeBase64(hubKey.publicKey) })).status).toBe(201);
    expect(await issues({ approvers: [a, hubKey.keyid], threshold: 2, expires: EXPIRES })).toEqual([['approvers.1', 'keyInTwoRoles']]);
    // An editor may not prepare roots.
    const editor = await addUser(t, 'dung', 'editor');
    expect((await op(t.url, editor, 'POST', '/api/roots/prepare', { approvers: [a], threshold: 1, expires: EXPIRES })).status).toBe(403);
  });
});
