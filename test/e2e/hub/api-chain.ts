import { expect, test } from '@playwright/test';
import { recordHash } from '../../../playlists/chain.ts';
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

    // A head signed by another key is refused, flagged, and nothing is stored: record seq 3 never arrives.
    const refused = await post(d.batch([d.record()], (await FakeDevice.pair(t)).key));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('SIGNATURE_INVALID');
    expect(await count()).toBe(3);
    expect(kinds(await storedFlags(t, d.id))).toEqual(['refused 3']);

    // Seq 4 after seq 2: a gap, and only a gap.
    const r4 = d.record();
    expect(await chain(d.batch([r4]))).toBe('gap');
    expect((await storedFlags(t, d.id)).find((f) => f.kind === 'gap')).toMatchObject({ seq: 4, recordId: r4.id, detail: 'record 3 is missing' });

    // Record 1 sent again with other content, alone: its head (seq 1) is older than the hub's (seq 4). Refused.
    const edited = { ...batch1.records[1]!, durationMs: 1 };
    const stale = await post(d.batch([edited]));
    expect(stale.status).toBe(422);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('CHAIN_HEAD_STALE');

    // The next seq whose prev is not the stored tip's hash: something before it was changed.
    const r5 = d.record({ prev: 'a'.repeat(64) });
    expect(await chain(d.batch([r5]))).toBe('broken');
    expect((await storedFlags(t, d.id)).find((f) => f.recordId === r5.id)).toMatchObject({ kind: 'broken', seq: 5, detail: expect.stringContaining('prev does not match') });

    // A validly signed head naming a hash that is not the last record's: refused, the record is not stored.
    const r6 = d.record();
    const lying = { ...d.batch([r6]), head: d.head({ from: 6, seq: 6, hash: 'b'.repeat(64) }) };
    const mismatch = await post(lying);
    expect(mismatch.status).toBe(422);
    expect(((await mismatch.json()) as { error: { code: string } }).error.code).toBe('CHAIN_HEAD_MISMATCH');
    expect((await storedFlags(t, d.id)).find((f) => f.recordId === r6.id)).toMatchObject({ kind: 'refused', seq: 6, detail: expect.stringMatching(/^CHAIN_HEAD_MISMATCH: /) });

    // The device's own key over another history (a cloned or restored data folder): the re-sent id is an edit.
    const f1 = { ...batch1.records[1]!, durationMs: 2 };
    const fork = [f1, ...[2, 3, 4, 5, 6, 7].map((seq) => ({ ...r4, id: `fork-${seq}-0000-0000`, seq }))];
    for (let i = 1; i < fork.length; i++) fork[i]!.prev = recordHash(fork[i - 1]!);
    expect(await chain(d.batch(fork))).toBe('broken');
    expect((await storedFlags(t, d.id)).find((f) => f.kind === 'edit')).toMatchObject({ seq: 1, recordId: f1.id });

    const all = ['broken 5', 'broken 6', 'edit 1', 'gap 4', 'refused 1', 'refused 3', 'refused 6', 'reorder 2', 'reorder 3', 'reorder 4', 'reorder 5'];
    expect(kinds(await storedFlags(t, d.id))).toEqual(all);
    expect(await pageFlags(t, d.id)).toEqual(all);
    const detail = await opJson<{ device: { chain: { status: string; problems: number } } }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`);
    expect(detail.device.chain).toMatchObject({ status: 'broken', problems: all.length });

    // A fresh device whose records reorder: seq 1 first is a gap (0 missing so far). Seq 0 alone, later, has a head
    // older than the hub's: refused. Sent again in front of the next records, under their newer head, it is a reorder.
    const e = await FakeDevice.pair(t);
    const e0 = e.record();
    const e1 = e.record();
    const plays = (batch: unknown) => e.post(`/api/devices/${e.id}/plays`, batch);
    expect(await (await plays(e.batch([e1]))).json()).toMatchObject({ chain: 'gap' });
    expect(await (await plays(e.batch([e0]))).json()).toMatchObject({ error: { code: 'CHAIN_HEAD_STALE' } });
    expect(await (await plays(e.batch([e0, e1, e.record()]))).json()).toMatchObject({ chain: 'broken' });
    const eFlags = await storedFlags(t, e.id);
    expect(eFlags.find((f) => f.kind === 'reorder')).toMatchObject({ seq: 0, recordId: e0.id, detail: 'record seq 0 arrived after seq 1' });
    expect(kinds(eFlags)).toEqual(['gap 1', 'refused 0', 'reorder 0']);
    expect(await pageFlags(t, e.id)).toEqual(['gap 1', 'refused 0', 'reorder 0']);
  });
}
