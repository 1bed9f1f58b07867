/**
 * Proof of play against a token thief (a device token, not the device's key),
 * end to end over HTTP on SQLite and PostgreSQL: the attack, then a
 * fast-check property over generated play batches — honest ones, and the same
 * truncated, extended, reordered, re-headed and replayed across devices —
 * where every answer of the hub matches a chain check written here from the
 * rules in docs/protocol.md, independently of server/reports/plays.ts.
 */
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { recordHash } from '../../../playlists/chain.ts';
import type { PlayRecord } from '../../../playlists/schemas/reports.ts';
import { FakeDevice, opJson, type Backend, type TestHub } from './helpers.ts';

type Head = ReturnType<FakeDevice['head']>;
interface Batch {
  deviceId: string;
  records: PlayRecord[];
  head: Head;
}
/** A batch as generated, with who really signed its head (the test's own bookkeeping, not the hub's). */
interface Sent {
  batch: Batch;
  signer: string;
}
interface Verdict {
  status: number;
  code?: string;
  chain?: string;
}

/** What the model knows of one device on the hub: its stored records and the head it holds. */
class HubModel {
  stored = new Map<string, string>();
  seq = -1;
  hash = '0'.repeat(64);
  worst = 'ok';
  note(status: string): void {
    const rank = ['ok', 'gap', 'refused', 'broken'];
    if (rank.indexOf(status) > rank.indexOf(this.worst)) this.worst = status;
  }
}

/**
 * The expected answer, from the rules: refusals first (signature, then
 * coverage by walking back from the head through `prev`, then freshness),
 * then the chain status where the batch meets what is stored.
 */
function expected(model: HubModel, urlDevice: string, tokenDevice: string, sent: Sent): Verdict {
  const { batch } = sent;
  if (urlDevice !== tokenDevice) return { status: 403, code: 'FORBIDDEN' };
  if (batch.deviceId !== urlDevice || batch.records.some((r) => r.deviceId !== urlDevice)) return { status: 400, code: 'SCHEMA_INVALID' };
  const refuse = (code: string): Verdict => {
    model.note('refused');
    return { status: code === 'SIGNATURE_INVALID' ? 403 : 422, code };
  };
  if (sent.signer !== urlDevice) return refuse('SIGNATURE_INVALID');
  const { head, records } = batch;
  if (records.some((r) => r.seq > head.seq)) return refuse('CHAIN_PAST_HEAD');
  const bySeq = new Map(records.map((r) => [r.seq, r]));
  const top = bySeq.get(head.seq);
  if (Math.min(...records.map((r) => r.seq)) !== head.from || !top || recordHash(top) !== head.hash) return refuse('CHAIN_HEAD_MISMATCH');
  // Walk back from the head: each step must find the record whose hash is the current one's prev.
  const byHash = new Map(records.map((r) => [recordHash(r), r]));
  let reached = 1;
  for (let at = top; at.seq > head.from; reached++) {
    const before = byHash.get(at.prev);
    if (!before || before.seq !== at.seq - 1) return refuse('CHAIN_NOT_LINKED');
    at = before;
  }
  if (reached !== records.length) return refuse('CHAIN_NOT_LINKED');
  const retry = records.every((r) => model.stored.get(r.id) === recordHash(r));
  if ((head.seq < model.seq || (head.seq === model.seq && head.hash !== model.hash)) && !retry) return refuse('CHAIN_HEAD_STALE');
  const kinds = new Set<string>();
  for (const r of records) {
    const stored = model.stored.get(r.id);
    if (stored !== undefined && stored !== recordHash(r)) kinds.add('edit');
    if (stored === undefined && r.seq <= model.seq) kinds.add('reorder');
  }
  const next = records.filter((r) => r.seq > model.seq).sort((a, b) => a.seq - b.seq)[0];
  if (next && next.seq > model.seq + 1) kinds.add('gap');
  else if (next && next.prev !== model.hash) kinds.add('broken');
  for (const r of records) if (!model.stored.has(r.id)) model.stored.set(r.id, recordHash(r));
  if (head.seq > model.seq) [model.seq, model.hash] = [head.seq, head.hash];
  const chain = kinds.size === 0 ? 'ok' : [...kinds].every((k) => k === 'gap') ? 'gap' : 'broken';
  model.note(chain);
  return { status: 200, chain };
}

/** A record chained after `prev` (seq, hash) for `device`; `fake` makes it a play that never happened. */
function record(deviceId: string, seq: number, prev: string, fake = false): PlayRecord {
  const start = Date.UTC(2026, 10, 20, 1) + seq * 60_000;
  const durationMs = fake ? 3_600_000 : 10_000;
  return { id: randomUUID(), deviceId, seq, prev, channel: 'lobby', playlistVersion: 1, display: 'main', zone: 'main', itemId: fake ? 'forged' : 'hello', kind: 'slide', startedAt: new Date(start).toISOString(), endedAt: new Date(start + durationMs).toISOString(), durationMs, outcome: 'completed' };
}

/** `n` records chained after seq/prev. */
function chainAfter(deviceId: string, seq: number, prev: string, n: number, fake = false): PlayRecord[] {
  const out: PlayRecord[] = [];
  for (let i = 0; i < n; i++) {
    const r = record(deviceId, seq + 1 + i, i === 0 ? prev : recordHash(out[i - 1]!), fake);
    out.push(r);
  }
  return out;
}

const plays = (d: FakeDevice, batch: unknown, url = d.id) => d.post(`/api/devices/${url}/plays`, batch);
async function answer(res: Response): Promise<Verdict> {
  const body = (await res.json()) as { chain?: string; error?: { code: string } };
  return { status: res.status, ...(body.error ? { code: body.error.code } : {}), ...(body.chain ? { chain: body.chain } : {}) };
}

const Step = fc.oneof(
  // lost: the answer never came back, so the screen sends these again with its next records, under one head.
  fc.record({ kind: fc.constant('honest' as const), n: fc.integer({ min: 1, max: 5 }), drop: fc.constantFrom(0, 0, 1), lost: fc.constantFrom(false, false, true) }),
  fc.record({ kind: fc.constant('splice' as const), pick: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('replay' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), pick: fc.nat(), fromStart: fc.boolean(), k: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('extend' as const), pick: fc.nat(), k: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('reorder' as const), pick: fc.nat(), seed: fc.nat() }),
  fc.record({ kind: fc.constant('rehead' as const), pick: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('cross' as const), pick: fc.nat(), how: fc.constantFrom('as-is', 'rewritten', 'other-url') }),
);
type Step = typeof Step extends fc.Arbitrary<infer T> ? T : never;

export function defineChainPropertyTests(backend: Backend, hub: () => TestHub): void {
  test(`${backend}: records fabricated past an old signed head are refused and never counted; the screen's next records are fine`, async () => {
    const t = hub();
    const d = await FakeDevice.pair(t);
    const honest = d.batch([d.record(), d.record(), d.record()]);
    expect(await answer(await plays(d, honest))).toEqual({ status: 200, chain: 'ok' });
    const report = async () => (await opJson<{ rows: { plays: number; seconds: number }[] }>(t.url, t.admin, 'GET', `/api/reports/plays?device=${d.id}&group=device`)).rows[0];
    expect(await report()).toMatchObject({ plays: 3, seconds: 30 });

    // The thief has the token and the head the screen signed for seq 0–2; five invented hour-long plays follow it.
    const forged = chainAfter(d.id, 2, recordHash(honest.records[2]!), 5, true);
    for (const [records, head, code] of [
      [forged, honest.head, 'CHAIN_PAST_HEAD'],
      [[...honest.records, ...forged], honest.head, 'CHAIN_PAST_HEAD'],
      [forged, { ...honest.head, seq: 7 }, 'SIGNATURE_INVALID'],
      [forged.slice(0, 1), d.head({ from: 3, seq: 3, hash: recordHash(honest.records[2]!) }), 'CHAIN_HEAD_MISMATCH'],
    ] as const) {
      expect(await answer(await plays(d, { deviceId: d.id, records, head }))).toMatchObject({ code });
    }
    expect(await report()).toMatchObject({ plays: 3, seconds: 30 });
    const detail = await opJson<{ device: { chain: { status: string } }; chainFlags: { kind: string; detail: string }[] }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`);
    expect(detail.device.chain.status).toBe('refused');
    // One flag per refused record and code (the two past-head attempts name the same first forged record).
    expect(detail.chainFlags.map((f) => f.kind)).toEqual(['refused', 'refused', 'refused']);
    expect(detail.chainFlags.map((f) => f.detail.split(':')[0]).sort()).toEqual(['CHAIN_HEAD_MISMATCH', 'CHAIN_PAST_HEAD', 'SIGNATURE_INVALID']);

    // The screen carries on from its own seq 2: nothing it sends is flagged.
    expect(await answer(await plays(d, d.batch([d.record(), d.record()])))).toEqual({ status: 200, chain: 'ok' });
    expect(await report()).toMatchObject({ plays: 5, seconds: 50 });
    const after = await opJson<{ chainFlags: { kind: string }[] }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`);
    expect(after.chainFlags.filter((f) => f.kind !== 'refused')).toEqual([]);
  });

  test(`${backend}: fast-check: the hub's verdict on truncated, extended, reordered, re-headed and cross-device batches matches an independent chain check`, async () => {
    test.setTimeout(180_000);
    const t = hub();
    let runs = 0;
    const tally = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(Step, { minLength: 4, maxLength: 10 }), async (steps) => {
        runs++;
        const devices = [await FakeDevice.pair(t), await FakeDevice.pair(t)];
        const models = new Map(devices.map((d) => [d.id, new HubModel()]));
        // Per device: its honest chain so far, and every batch it made (what a thief can have seen).
        const history = new Map(devices.map((d) => [d.id, [] as Sent[]]));
        const genuine = new Map(devices.map((d) => [d.id, new Set<string>()]));
        const unsent = new Map<string, PlayRecord[]>();
        for (const [i, step] of steps.entries()) {
          const d = devices[i % 2]!;
          const other = devices[(i + 1) % 2]!;
          const mine = history.get(d.id)!;
          const pick = (n: number) => mine[n % mine.length]!;
          let sent: Sent;
          let url = d.id;
          let token = d;
          if (step.kind === 'honest' || mine.length === 0) {
            // The core's uploader ends a batch at a gap (core/report/uploader.ts), so records it still holds
            // from a lost answer are never sent in one batch with records after a quota drop.
            const drop = step.kind === 'honest' && !unsent.has(d.id) ? step.drop : 0;
            // A thief's step before the screen sent anything becomes the screen's first batch.
            const n = step.kind === 'honest' ? step.n : 3;
            // A dropped record (outbox quota) is chained but never sent: the next batch starts after a gap.
            const made = chainAfter(d.id, d.seq, d.prev, drop + n).slice(drop);
            const records = [...(unsent.get(d.id) ?? []), ...made];
            d.seq = made[made.length - 1]!.seq;
            d.prev = recordHash(made[made.length - 1]!);
            for (const r of made) genuine.get(d.id)!.add(r.id);
            sent = { batch: d.batch(records), signer: d.id };
            mine.push(sent);
            if (step.kind === 'honest' && step.lost) {
              // The batch reached nobody (the thief saw it): the screen keeps the records for its next batch.
              unsent.set(d.id, records);
              tally.add('lost');
              continue;
            }
            unsent.delete(d.id);
          } else {
            const base = pick(step.pick);
            const { records, head } = base.batch;
            if (step.kind === 'replay') sent = base;
            else if (step.kind === 'truncate') {
              const k = Math.min(step.k, records.length);
              sent = { batch: { ...base.batch, records: step.fromStart ? records.slice(k) : records.slice(0, records.length - k) }, signer: d.id };
              if (sent.batch.records.length === 0) sent = base;
            } else if (step.kind === 'extend') {
              const last = records[records.length - 1]!;
              sent = { batch: { ...base.batch, records: [...records, ...chainAfter(d.id, last.seq, recordHash(last), step.k, true)] }, signer: d.id };
            } else if (step.kind === 'reorder') {
              const k = step.seed % records.length;
              const rotated = [...records.slice(k), ...records.slice(0, k)];
              const shuffled = step.seed % 2 ? rotated.reverse() : rotated;
              sent = { batch: { ...base.batch, records: shuffled }, signer: d.id };
            } else if (step.kind === 'splice') {
              // One record swapped for an invented one at the same seq (its neighbours' links no longer hold).
              const at = step.at % records.length;
              const swapped = records.map((r, j) => (j === at ? { ...record(d.id, r.seq, r.prev, true) } : r));
              sent = { batch: { ...base.batch, records: swapped }, signer: d.id };
            } else if (step.kind === 'rehead') {
              sent = { batch: { ...base.batch, head: pick(step.other).batch.head }, signer: d.id };
            } else {
              token = other;
              if (step.how === 'as-is') url = other.id;
              else if (step.how === 'other-url') url = d.id;
              else {
                url = other.id;
                const rewritten = records.map((r) => ({ ...r, deviceId: other.id }));
                sent = { batch: { deviceId: other.id, records: rewritten, head }, signer: d.id };
              }
              sent ??= base;
            }
          }
          const want = expected(models.get(url === d.id ? d.id : other.id)!, url, token.id, sent!);
          const got = await answer(await plays(token, sent!.batch, url));
          expect(got, `step ${i} ${JSON.stringify(step)}`).toEqual(want);
          tally.add(got.code ?? got.chain!);
        }
        // Nothing stored that the screen did not make; no flag but gaps and refusals on either screen.
        for (const d of devices) {
          const stored = await t.hub.context.db.all<{ id: string }>('SELECT id FROM plays WHERE device_id = $1', [d.id]);
          for (const { id } of stored) expect(genuine.get(d.id)!.has(id), `${id} stored for ${d.id}`).toBe(true);
          const detail = await opJson<{ device: { chain: { status: string } }; chainFlags: { kind: string }[] }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`);
          expect(detail.chainFlags.filter((f) => f.kind !== 'gap' && f.kind !== 'refused')).toEqual([]);
          expect(detail.device.chain.status).toBe(models.get(d.id)!.worst);
          // The screen's next records (after any it still holds) still continue its chain.
          const last = { batch: d.batch([...(unsent.get(d.id) ?? []), ...chainAfter(d.id, d.seq, d.prev, 2)]), signer: d.id };
          const next = await answer(await plays(d, last.batch));
          expect(next).toEqual(expected(models.get(d.id)!, d.id, d.id, last));
          // A gap only where the screen itself dropped records; never a broken link or an edit.
          expect(['ok', 'gap']).toContain(next.chain);
        }
      }),
      // No shrinking over HTTP (each try pairs two screens); the failure names the seed (PANO_FC_SEED replays it).
      // One example (counted in the 30) makes sure a token used on another screen's URL is met: drawn at random it was missed 1 run in 20.
      {
        numRuns: 30,
        endOnFailure: true,
        examples: [[[
          { kind: 'honest', n: 2, drop: 0, lost: false },
          { kind: 'honest', n: 2, drop: 0, lost: false },
          { kind: 'cross', pick: 0, how: 'other-url' },
          { kind: 'honest', n: 1, drop: 0, lost: false },
        ]]],
        ...(process.env.PANO_FC_SEED ? { seed: Number(process.env.PANO_FC_SEED) } : {}),
      },
    );
    expect(runs).toBe(30);
    // Every kind of answer was met (each is likelier than 1 in 10 per step, over ~200 steps).
    for (const v of ['ok', 'gap', 'lost', 'CHAIN_PAST_HEAD', 'CHAIN_HEAD_MISMATCH', 'CHAIN_NOT_LINKED', 'SIGNATURE_INVALID', 'FORBIDDEN', 'SCHEMA_INVALID']) expect([...tally]).toContain(v);
  });
}
