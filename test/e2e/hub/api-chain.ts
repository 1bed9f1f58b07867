import { expect, test } from '@playwright/test';
import { encodeBase64 } from '../../../playlists/base64.ts';
import { chainHeadMessage } from '../../../playlists/chain.ts';
import { signBytes } from '../../../playlists/keys.ts';
import { FakeDevice, opJson, type Backend, type TestHub } from './helpers.ts';

interface Flag {
  kind: string;
  seq: number;
  recordId: string;
  detail: string;
}

/** The flags as stored (the device API), newest first. */
async function storedFlags(t: TestHub, id: string): Promise<Flag[]> {
  return (await opJson<{ chainFlags: Flag[] }>(t.url, t.admin, 'GET', `/api/devices/${id}`)).chainFlags;
}

/** The flags the screen's page lists (GET /api/devices/:id), as "kind seq": what an operator sees. */
async function pageFlags(t: TestHub, id: string): Promise<string[]> {
  const { chainFlags } = await opJson<{ chainFlags: { kind: string; seq: number }[] }>(t.url, t.admin, 'GET', `/api/devices/${encodeURIComponent(id)}`);
  return chainFlags.map((f) => `${f.kind} ${f.seq}`).sort();
}

const kinds = (flags: Flag[]) => flags.map((f) => `${f.kind} ${f.seq}`).sort();

/** Proof-of-play chains: each kind of tampering is stored as its own flag and listed on the device page. */
export function defineChainTests(backend: Backend, hub: () => TestHub): void {
  test(`${backend}: play batches verify the signed head, count once, and flag gaps, edits, broken links and reorders`, async () => {
    const t = hub();
    const d = await FakeDevice.pair(t);
    const post = (batch: unknown) => d.post(`/api/devices/${d.id}/plays`, batch);
    const chain = async (batch: unknown) => ((await (await post(batch)).json()) as { chain: string }).chain;
    const batch1 = d.batch([d.record(), d.record(), d.record()]);
    expect(await (await post(batch1)).json()).toEqual({ accepted: batch1.records.map((r) => r.id), chain: 'ok' });
    // A retry is acknowledged and not counted twice.
    expect(await chain(batch1)).toBe('ok');
    const count = async () => (await t.hub.context.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM plays WHERE device_id = $1', [d.id]))!.n;
    expect(await count()).toBe(3);
    expect(await storedFlags(t, d.id)).toEqual([]);
    expect(await pageFlags(t, d.id)).toEqual([]);

    // A head signed by another key is refused and nothing is stored: record seq 3 never arrives.
    const refused = await post(d.batch([d.record()], (await FakeDevice.pair(t)).key));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('SIGNATURE_INVALID');
    expect(await count()).toBe(3);
    expect(await storedFlags(t, d.id)).toEqual([]);

    // Seq 4 after seq 2: a gap, and only a gap.
    const r4 = d.record();
    expect(await chain(d.batch([r4]))).toBe('gap');
    expect(await storedFlags(t, d.id)).toEqual([expect.objectContaining({ kind: 'gap', seq: 4, recordId: r4.id, detail: 'records 3–3 are missing' })]);

    // Record 1 sent again with other content: an edit.
    const edited = { ...batch1.records[1]!, durationMs: 1 };
    expect(await chain(d.batch([edited]))).toBe('broken');
    expect((await storedFlags(t, d.id)).find((f) => f.kind === 'edit')).toMatchObject({ seq: 1, recordId: edited.id });

    // The next seq whose prev is not the stored tip's hash: something before it was changed.
    const r5 = d.record({ prev: 'a'.repeat(64) });
    expect(await chain(d.batch([r5]))).toBe('broken');
    expect((await storedFlags(t, d.id)).find((f) => f.recordId === r5.id)).toMatchObject({ kind: 'broken', seq: 5, detail: expect.stringContaining('prev does not match') });

    // A validly signed head naming a hash that is not the last record's.
    const r6 = d.record();
    const other = 'b'.repeat(64);
    const lying = { ...d.batch([r6]), head: { seq: r6.seq, hash: other, keyid: d.key.keyid, sig: encodeBase64(signBytes(d.key, chainHeadMessage(d.id, r6.seq, other))) } };
    expect(await chain(lying)).toBe('broken');
    expect((await storedFlags(t, d.id)).find((f) => f.recordId === r6.id)).toMatchObject({ kind: 'broken', seq: 6, detail: expect.stringContaining('signed chain head does not match') });

    const all = ['broken 5', 'broken 6', 'edit 1', 'gap 4'];
    expect(kinds(await storedFlags(t, d.id))).toEqual(all);
    expect(await pageFlags(t, d.id)).toEqual(all);
    const detail = await opJson<{ device: { chain: { status: string; problems: number } } }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`);
    expect(detail.device.chain).toMatchObject({ status: 'broken', problems: 4 });

    // A fresh device whose records reorder: seq 1 first is a gap (0 missing so far), then seq 0 arrives late.
    const e = await FakeDevice.pair(t);
    const e0 = e.record();
    const e1 = e.record();
    expect(await (await e.post(`/api/devices/${e.id}/plays`, e.batch([e1]))).json()).toMatchObject({ chain: 'gap' });
    expect(await (await e.post(`/api/devices/${e.id}/plays`, e.batch([e0]))).json()).toMatchObject({ chain: 'broken' });
    const eFlags = await storedFlags(t, e.id);
    expect(eFlags.find((f) => f.recordId === e0.id)).toMatchObject({ kind: 'reorder', seq: 0, detail: 'record seq 0 arrived after seq 1' });
    expect(kinds(eFlags)).toEqual(['gap 1', 'reorder 0']);
    expect(await pageFlags(t, e.id)).toEqual(['gap 1', 'reorder 0']);
  });
}
