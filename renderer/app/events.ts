import type { PlayEvent, RendererEvent } from '../../playlists/schemas/reports.ts';
import { now } from './clock.ts';
import { EventStore, type Held } from './event-store.ts';

/**
 * Play and interaction events, from the page to the core, so that none is
 * lost (docs/renderer.md, "Play events"):
 *  - each event is in IndexedDB before it is sent, and leaves only when the
 *    core answered 202 (it answers once the play is on disk): a stuck
 *    request, a crash or a reload loses nothing;
 *  - one request at a time, each with a deadline, retried with backoff: a
 *    slow core holds events back (backpressure), it never makes us drop any;
 *  - no `keepalive` (Chromium gives a page 64 KiB of keepalive bodies in
 *    flight, and one stuck request held that budget for good), except the
 *    page's last words on `pagehide`, cut to fit that budget;
 *  - a play started by a page that died is ended by the next one
 *    (`interrupted`, "renderer restarted"), so every start gets its record;
 *  - the page posts at least every PING_MS (an empty batch when it has
 *    nothing), which is how the core sees a page that stopped.
 */
const BATCH = 200;
const REQUEST_MS = 15_000;
const PING_MS = 20_000;
const MAX_BACKOFF_MS = 30_000;
/** Below Chromium's 64 KiB per page: what an unloading page may still send. */
const KEEPALIVE_BYTES = 60 * 1024;
const ALIVE_MS = 5_000;
const REOPEN_MS = 5_000;

const display = typeof location === 'undefined' ? '' : (new URLSearchParams(location.search).get('display') ?? '');
const aliveKey = `pano:alive:${display}`;

let store: EventStore | null = null;
/** Events persisted (or memory-only when IndexedDB failed), oldest first. */
let held: Held[] = [];
let memoryKey = -1;
/** Posted in this task, not yet handed to the store. */
let pending: RendererEvent[] = [];
/** Start times of plays not yet ended, to put on their end event. */
const starts = new Map<string, string>();
/** Adds run one after another (and after start-up's take-over), so events keep their order. */
let adding: Promise<unknown> = Promise.resolve();
let inFlight = false;
let backoffMs = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let batchLimit = BATCH;

export function postEvent(event: RendererEvent): void {
  if (event.type === 'play') {
    if (event.phase === 'start') starts.set(event.playId, event.at);
    else {
      const startedAt = starts.get(event.playId);
      starts.delete(event.playId);
      if (startedAt && !event.startedAt) event = { ...event, startedAt };
    }
  }
  // Events of one task (an end and the next start) are persisted together, in call order.
  pending.push(event);
  if (pending.length === 1) setTimeout(persist, 0);
}

function persist(): void {
  const events = pending;
  pending = [];
  // A failed store falls back to memory: still never dropped while the page lives.
  adding = adding.then(async () => {
    const keys = store ? await store.add(events).catch(() => storeFailed(events)) : events.map(() => memoryKey--);
    events.forEach((event, i) => held.push({ key: keys[i]!, event }));
    flush();
  });
}

/**
 * IndexedDB refused a write (a full disk, a database Chromium closed): keep
 * events in memory and try the store again shortly; once it opens, what was
 * kept in memory meanwhile is written to it, in order.
 */
function storeFailed(events: RendererEvent[]): number[] {
  store = null;
  setTimeout(() => {
    adding = adding.then(reopen);
  }, REOPEN_MS);
  return events.map(() => memoryKey--);
}

async function reopen(): Promise<void> {
  if (store) return;
  try {
    const fresh = await EventStore.open(display);
    const inMemory = held.filter((h) => h.key < 0);
    const keys = await fresh.add(inMemory.map((h) => h.event));
    inMemory.forEach((h, i) => (h.key = keys[i]!));
    store = fresh;
  } catch {
    setTimeout(() => {
      adding = adding.then(reopen);
    }, REOPEN_MS);
  }
}

function schedule(ms: number): void {
  retryTimer ??= setTimeout(() => {
    retryTimer = null;
    flush(true);
  }, ms);
}

/** Sends the oldest batch (or a ping); `force` sends even an empty one. */
function flush(force = false): void {
  if (inFlight || retryTimer || (held.length === 0 && !force)) return;
  inFlight = true;
  const batch = held.slice(0, batchLimit);
  void send(batch).then(
    (outcome) => {
      inFlight = false;
      if (outcome === 'ok') {
        backoffMs = 0;
        batchLimit = BATCH;
        const sent = new Set(batch.map((h) => h.key));
        held = held.filter((h) => !sent.has(h.key));
        void store?.remove(batch.map((h) => h.key).filter((k) => k >= 0)).catch(() => undefined);
        if (held.length > 0) flush();
        return;
      }
      if (outcome === 'refused') {
        // The core refused this batch for good (schema): find the bad event, drop it alone.
        if (batch.length > 1) batchLimit = Math.max(1, Math.floor(batch.length / 2));
        else {
          console.warn('pano: the core refused an event for good', batch[0]?.event);
          held = held.filter((h) => h !== batch[0]);
          void store?.remove([batch[0]!.key].filter((k) => k >= 0)).catch(() => undefined);
        }
        flush();
        return;
      }
      backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(1_000, backoffMs * 2));
      schedule(typeof outcome === 'number' ? Math.max(outcome, backoffMs) : backoffMs);
    },
  );
}

/** 'ok', 'refused' (a 4xx about the content), or a retry: 'later', or the ms a Retry-After asked for. */
async function send(batch: Held[]): Promise<'ok' | 'refused' | 'later' | number> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_MS);
  try {
    const res = await fetch(`/api/events?${new URLSearchParams({ display, held: String(held.length) })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch.map((h) => h.event)),
      signal: abort.signal,
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status === 202) return 'ok';
    if (res.status === 400 || res.status === 413 || res.status === 422) return 'refused';
    const after = Number(res.headers.get('retry-after'));
    return Number.isFinite(after) && after > 0 ? after * 1000 : 'later';
  } catch {
    return 'later';
  } finally {
    clearTimeout(timer);
  }
}

/** On unload: what fits in Chromium's keepalive budget, in order; it stays held, the next page sends it again if need be. */
function lastWords(): void {
  const events: RendererEvent[] = [];
  let bytes = 2;
  for (const h of held) {
    const size = JSON.stringify(h.event).length + 1;
    if (bytes + size > KEEPALIVE_BYTES) break;
    events.push(h.event);
    bytes += size;
  }
  if (events.length === 0) return;
  void fetch(`/api/events?${new URLSearchParams({ display, held: String(held.length) })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(events),
    keepalive: true,
  }).catch(() => undefined);
}

/** Opens the store, takes over what an earlier page left, and starts the ping. */
async function start(): Promise<void> {
  try {
    store = await EventStore.open(display);
    const left = await store.load();
    held = [...left.held, ...held];
    // Plays an earlier page started and never ended: it died (crash, kill, reload) about when it was last alive.
    const diedAt = localStorage.getItem(aliveKey) ?? now().toISOString();
    for (const { start: s } of left.open) {
      if (held.some((h) => h.event.type === 'play' && h.event.playId === s.playId && h.event.phase === 'end')) continue;
      const end: PlayEvent = { ...s, phase: 'end', at: diedAt < s.at ? s.at : diedAt, startedAt: s.at, outcome: 'interrupted', reason: 'renderer restarted' };
      postEvent(end);
    }
  } catch (error) {
    store = null;
    console.warn('pano: IndexedDB unavailable; play events are kept in memory only', error);
  }
  flush();
}

if (typeof window !== 'undefined' && typeof indexedDB !== 'undefined') {
  // Nothing is sent until what an earlier page left is loaded: order is kept.
  adding = start();
  setInterval(() => {
    localStorage.setItem(aliveKey, now().toISOString());
  }, ALIVE_MS);
  setInterval(() => flush(true), PING_MS);
  addEventListener('pagehide', lastWords);
}

/** A record id (RecordId: 8–64 of A–Z a–z 0–9 -). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
