#!/usr/bin/env node
/**
 * `npm run soak [-- --days 30 --step-ms 9000 --seed 14 --out FILE]`: the chaos
 * month (docs/benchmarks.md, "Soak"). The whole stack runs on a simulated
 * calendar (one simulated hour every --step-ms of real time) and a fault from
 * a seeded schedule hits it every simulated hour. At the end it prints (and
 * writes as JSON) black seconds on the glass and their causes, every play the
 * page started against what the hub stored, memory slopes, outbox and cache
 * against their quotas; it exits 1 when a promise was broken. Default: a
 * simulated week at 4 s an hour (the CI variant, about 13 minutes).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { realTimeOf, simulatedTime } from '../../core/util/clock.ts';
import { parseUnknown } from '../../playlists/parse.ts';
import { setupChannel, type Channel } from './channel.ts';
import { faultSchedule, LASTS } from './faults.ts';
import { injector } from './inject.ts';
import { nextPageLoad, pageLoad, pageSlopes, readLedger, sampleDisk, sampleMemory, samplePage, sampleScreen, type DiskSample, type LedgerEntry, type MemorySample, type PageSample } from './observe.ts';
import { HOUR, SCREEN, startStack } from './stack.ts';
import { blackSeconds, memoryVerdict, playsVerdict, quotaVerdict, type FaultRecord } from './verify.ts';

const Args = z.strictObject({
  days: z.coerce.number().int().min(1).max(60).default(7),
  'step-ms': z.coerce.number().int().min(2_000).max(60_000).optional(),
  seed: z.coerce.number().int().default(14),
  out: z.string().optional(),
  verbose: z.boolean().default(false),
  /** No faults: the same stack and checks, for memory over days without restarts. */
  'no-faults': z.boolean().default(false),
});
const { values } = parseArgs({ options: { days: { type: 'string' }, 'step-ms': { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, verbose: { type: 'boolean' }, 'no-faults': { type: 'boolean' } } });
const args = parseUnknown(Args, values, 'soak options');
const stepRealMs = args['step-ms'] ?? (args.days <= 7 ? 4_000 : 9_000);
const hours = args.days * 24;
const startedAt = Date.now();
const say = (line: string) => console.log(`[soak ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(5)} s] ${line}`);
const log = (line: string) => args.verbose && say(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

say(`${args.days} simulated days, ${stepRealMs} ms of real time per simulated hour, seed ${args.seed}`);
let channel!: Channel;
const stack = await startStack({
  stepRealMs,
  start: '2026-12-01T00:00:00+07:00',
  log,
  beforePlayer: async (client, liveUrl, work) => {
    channel = await setupChannel(client, work, liveUrl);
    await channel.publish('Bản đầu / first version');
  },
});
const inject = injector(stack, channel);
const faults: FaultRecord[] = [];
/** A visitor's taps: the kiosk pages (and their dimmed "still there?" countdown) cover the loop for a while. */
const visits: FaultRecord[] = [];
const memory: MemorySample[] = [];
const page: PageSample[] = [];
const disk: DiskSample[] = [];
/**
 * Every play the page started, from its ledger read every two simulated hours
 * and kept here too: a ledger Chromium had to reset (IndexedDB after a full
 * disk) would otherwise take earlier plays out of the count.
 */
const witnessed: string[] = [];
const started = new Map<string, LedgerEntry>();
const witness = async () => {
  const read = await readLedger(stack.playerDir).catch(() => []);
  for (const entry of Array.isArray(read) ? read : []) {
    if (started.has(entry.playId)) continue;
    started.set(entry.playId, entry);
    witnessed.push(entry.playId);
  }
};
let exitCode = 0;
try {
  // Paired, adopted, playing: the first records reach the hub.
  // The calendar starts at midnight and the screen opens at 06:00: at a slow step (a real minute an hour) that is minutes away.
  const firstPlayBy = Math.max(Date.now(), realTimeOf(stack.spec, stack.spec.simEpochMs + 6 * HOUR)) + 180_000;
  while (!(await stack.client.call((c) => c.channel('soak')))?.version || !stack.deviceId() || (await hubRecords()) === 0) {
    if (Date.now() > firstPlayBy) throw new Error('no play record reached the hub within 3 minutes of the screen opening');
    await sleep(500);
  }
  say(`screen ${stack.deviceId()} paired and playing`);
  const screen = sampleScreen(stack.screen.display, stack.spec);
  await screen.started;
  const firstHour = Math.ceil((stack.now() - stack.spec.simEpochMs) / HOUR) + 1;
  const schedule = args['no-faults'] ? [] : faultSchedule(args.seed, hours, firstHour);
  const ending: { hour: number; undo: () => Promise<void>; record: FaultRecord }[] = [];
  for (let hour = firstHour; hour < hours; hour++) {
    const due = realTimeOf(stack.spec, stack.spec.simEpochMs + hour * HOUR);
    await sleep(due - Date.now() + 100);
    // A loop that falls behind injects nothing meanwhile: said, so that a glass sample nothing explains can be read against it.
    if (Date.now() - due > 10_000) say(`hour ${hour} is ${((Date.now() - due) / 1000).toFixed(1)} s late`);
    for (const e of ending.filter((x) => x.hour <= hour)) {
      ending.splice(ending.indexOf(e), 1);
      await e.undo().catch((err: Error) => say(`undoing ${e.record.kind} failed: ${err.message}`));
      e.record.to = Date.now();
    }
    const fault = schedule.find((f) => f.hour === hour);
    if (fault) {
      const record: FaultRecord = { hour, kind: fault.kind, from: Date.now(), to: Date.now() };
      faults.push(record);
      // A killed process's fault lasts until the page is back (a new page load answers), however long that takes under load:
      // its 20 s of grace then start from the recovery, not from the kill.
      const killed = fault.kind === 'kill-core' || fault.kind === 'kill-chromium' || fault.kind === 'kill-renderer';
      const before = killed ? await pageLoad(stack.playerDir).catch(() => null) : null;
      const undo = await inject.start(fault.kind).catch((err: Error) => {
        record.failed = err.message;
        say(`fault ${fault.kind} failed to start: ${err.message}`);
      });
      record.to = Date.now();
      if (killed && !record.failed) void nextPageLoad(stack.playerDir, before).then(() => void (record.to = Math.max(record.to, Date.now())));
      if (undo) ending.push({ hour: hour + Math.max(1, LASTS[fault.kind]), undo, record });
      log(`hour ${hour}: ${fault.kind}`);
    }
    const day = (stack.now() - stack.spec.simEpochMs) / (24 * HOUR);
    const realMin = (Date.now() - startedAt) / 60_000;
    memory.push(...(await sampleMemory(day, realMin, stack.player.pid(), stack.hub.pid())));
    // After the process sample: the forced GC must not lower the RSS series, which stays what a screen really holds.
    const sampled = await samplePage(stack.playerDir, day, realMin).catch(() => null);
    if (sampled) page.push(sampled);
    disk.push(await sampleDisk(stack.playerDir));
    // A visitor taps the kiosk now and then (it returns to the loop after 20 s idle).
    if (hour % 2 === 0) await witness();
    if (hour % 13 === 5) visits.push({ hour, kind: 'kiosk-visit', from: Date.now(), to: Date.now() + 40_000 });
    if (hour % 13 === 5) execFile('xdotool', ['mousemove', String(SCREEN.width / 2), String(SCREEN.height / 2), 'click', '1'], { env: { ...process.env, DISPLAY: stack.screen.display } }, () => undefined);
    const last = page.at(-1);
    const held = last ? `; page after GC: heap ${last.heapMb.toFixed(1)} MB, ${last.nodes} nodes, ${last.listeners} listeners` : '';
    if (hour % 24 === 0) say(`day ${hour / 24}: ${faults.length} faults so far, ${await hubRecords()} play records at the hub${held}`);
  }
  for (const e of ending) {
    await e.undo().catch(() => undefined);
    e.record.to = Date.now();
  }
  say('faults over; letting the screen deliver what it holds');
  const samples = screen.samples();
  await screen.stop();
  const plays = await settle();
  const injected = faults.filter((f) => !f.failed);
  const black = blackSeconds(samples, [...injected, ...visits].sort((a, b) => a.from - b.from), inject.emergencies, stepRealMs, stack.spec.realEpochMs);
  const quotas = quotaVerdict(disk);
  const mem = memoryVerdict(memory);
  const result = {
    days: args.days,
    stepRealMs,
    seed: args.seed,
    realMinutes: (Date.now() - startedAt) / 60_000,
    faults: countBy(injected.map((f) => f.kind)),
    failedToStart: countBy(faults.filter((f) => f.failed).map((f) => f.kind)),
    faultSchedule: faults.map((f) => `${f.hour}:${f.kind}${f.failed ? ' (failed to start)' : ''}`),
    skipped: Object.fromEntries(inject.skipped),
    proxy: stack.proxy.counts,
    playerStarts: stack.player.starts(),
    hubStarts: stack.hub.starts(),
    black: { ...black, unexplainedFrames: black.unexplainedFrames.length },
    plays,
    quotas,
    memory: mem,
    page: pageSlopes(page),
  };
  print(result);
  // A lost play, placed in the week: its item, the simulated hour it started, and the faults around that hour.
  for (const id of plays.lostIds) {
    const entry = started.get(id);
    const hour = entry ? Math.floor((Date.parse(entry.at) - stack.spec.simEpochMs) / HOUR) : NaN;
    const near = faults.filter((f) => Math.abs(f.hour - hour) <= 2).map((f) => `${f.hour}:${f.kind}${f.failed ? ' (failed to start)' : ''}`);
    say(`lost ${id}: ${entry ? `${entry.itemId}, started ${entry.at} (hour ${hour})` : 'not in the ledger read'}; faults in hours ±2: ${near.join(', ') || 'none'}`);
  }
  // What the glass showed when it was wrong for no known reason: PNGs beside the JSON, to look at.
  for (const [i, f] of black.unexplainedFrames.entries()) if (args.out) await writeFile(`${args.out}.unexplained-${i}.png`, (await f.png!())!);
  if (args.out) await writeFile(args.out, `${JSON.stringify(result, null, 2)}\n`);
  const broken = [
    plays.lost > 0 && `${plays.lost} plays lost`,
    plays.duplicateIds > 0 && `${plays.duplicateIds} duplicate records`,
    !plays.chain.contiguous && 'the chain has gaps',
    plays.chain.status !== 'ok' && `chain status ${plays.chain.status}`,
    plays.intruderRecords + black.magentaFrames > 0 && 'unsigned content was shown',
    plays.unpublishedRecords > 0 && `${plays.unpublishedRecords} records of versions the hub never published`,
    !quotas.ok && 'outbox or cache over quota',
    black.unexplainedSec > 0 && `${black.unexplainedSec} s of the glass wrong (black while open, lit while closed), not explained by a fault`,
  ].filter(Boolean);
  if (broken.length) {
    say(`BROKEN: ${broken.join('; ')}`);
    exitCode = 1;
  } else say('every promise kept');

  async function settle() {
    const deadline = Date.now() + 180_000;
    let verdict = await check();
    while ((verdict.lost > 0 || verdict.recorded === 0) && Date.now() < deadline) {
      await sleep(3_000);
      verdict = await check();
    }
    return verdict;
    async function check() {
      await witness();
      return playsVerdict(stack.databaseUrl, stack.deviceId()!, witnessed);
    }
  }
} catch (error) {
  say(`soak failed: ${(error as Error).stack ?? String(error)}`);
  exitCode = 1;
} finally {
  await stack.stop().catch((e: Error) => say(`stopping: ${e.message}`));
}
process.exit(exitCode);

async function hubRecords(): Promise<number> {
  const id = stack.deviceId();
  if (!id) return 0;
  const { default: pg } = await import('pg');
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  try {
    await db.connect();
    return Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM plays WHERE device_id = $1', [id])).rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await db.end().catch(() => undefined);
  }
}

function simClock(real: number): string {
  return new Date(simulatedTime(stack.spec, real) + 7 * HOUR).toISOString().slice(5, 16).replace('T', ' ');
}

function countBy(list: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of list) out[k] = (out[k] ?? 0) + 1;
  return out;
}

function print(r: Record<string, unknown> & { page: ReturnType<typeof pageSlopes>; black: Omit<ReturnType<typeof blackSeconds>, "unexplainedFrames">; plays: Awaited<ReturnType<typeof playsVerdict>>; quotas: ReturnType<typeof quotaVerdict>; memory: ReturnType<typeof memoryVerdict> }) {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log('\n── soak result ──');
  console.log(`faults injected: ${JSON.stringify(r.faults)}; failed to start: ${JSON.stringify(r.failedToStart)}${Object.keys(r.skipped as object).length ? `  skipped: ${JSON.stringify(r.skipped)}` : ''}`);
  console.log(`restarts: player ${r.playerStarts as number - 1}, hub ${r.hubStarts as number - 1}; proxy ${JSON.stringify(r.proxy)}`);
  const b = r.black;
  console.log(`glass (${b.samples} samples at 4/s): black while open ${b.openBlackSec} s (by fault ${JSON.stringify(b.byFault)}; unexplained ${b.unexplainedSec} s), wrong for ≤ 1 s at opening/closing ${b.edgeSec} s; closed hours black ${b.closedBlackSec} s, lit while closed ${b.closedLitSec} s (by fault ${JSON.stringify(b.litByFault)}); magenta (unsigned) frames ${b.magentaFrames}`);
  if (b.unexplainedAt.length) {
    // What happened in the 30 s before the first sample nothing explains (a fault explains 20 s after it ends).
    const first = b.unexplainedAt[0]!;
    const near = [...faults, ...visits].filter((f) => f.from >= first - 30_000 && f.from <= first + 5_000);
    console.log(`around the first: ${near.map((f) => `${simClock(f.from)} ${f.kind}${f.failed ? ' (failed to start)' : ''} ${((f.from - first) / 1000).toFixed(1)}…${((f.to - first) / 1000).toFixed(1)} s`).join('; ') || 'no fault in the 30 s before'}`);
  }
  if (b.unexplainedAt.length) console.log(`unexplained at (simulated time, s into the step): ${b.unexplainedAt.map((t) => `${new Date(simulatedTime(stack.spec, t) + 7 * HOUR).toISOString().slice(11, 19)}+${(((t - stack.spec.realEpochMs) % stepRealMs) / 1000).toFixed(2)}`).join(' ')}`);
  const p = r.plays;
  console.log(`plays: started ${p.started}, recorded ${p.recorded}, lost ${p.lost}${p.lostIds.length ? ` (${p.lostIds.join(', ')})` : ''}, still on screen ${p.stillOnScreen}, records without ledger ${p.recordsWithoutLedger}, duplicates ${p.duplicateIds}, ended by the next page ${p.interrupted}`);
  console.log(`chain: seq 0…${p.chain.lastSeq} contiguous ${p.chain.contiguous}, hub status ${p.chain.status}, problems ${p.chain.problems}; intruder records ${p.intruderRecords}, records of unpublished versions ${p.unpublishedRecords}`);
  console.log(`quotas: outbox max ${mb(r.quotas.maxOutbox)} of ${mb(r.quotas.outboxQuota)}, cache max ${mb(r.quotas.maxCache)} of ${mb(r.quotas.cacheQuota)}`);
  const pg = r.page;
  console.log(`page after GC (${pg.heapMb.series} loads, ${pg.heapMb.points} points): JS heap last ${pg.heapMb.lastMb.toFixed(1)} MB, ${pg.heapMb.perRealHour.toFixed(2)} MB/real hour; DOM nodes last ${pg.nodes.lastMb}, ${pg.nodes.perRealHour.toFixed(1)}/real hour; listeners last ${pg.listeners.lastMb}, ${pg.listeners.perRealHour.toFixed(1)}/real hour; documents last ${pg.documents.lastMb}, ${pg.documents.perRealHour.toFixed(2)}/real hour`);
  for (const m of r.memory) console.log(`memory ${m.kind.padEnd(15)} last ${m.lastMb.toFixed(0)} MB, slope ${m.perSimDay.toFixed(2)} MB/simulated day (${m.perRealHour.toFixed(1)} MB/real hour), 30-day projection ${m.projected30DaysMb.toFixed(0)} MB (${m.series} series, ${m.points} points)`);
}
