import type { PlayEvent, RendererEvent } from '../../playlists/schemas/reports.ts';

/** An event kept in the page until the core acknowledges it; `key` orders them. */
export interface Held {
  key: number;
  event: RendererEvent;
}

/** A play started in this page (or a page before it) whose end has not been posted yet. */
export interface OpenPlay {
  start: PlayEvent;
}

/** How many started plays the ledger keeps (a few days of a busy screen). */
const LEDGER_KEEP = 20_000;

const req = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
const done = (t: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error ?? new Error('transaction aborted'));
  });

/**
 * The page's own durable queue (IndexedDB, one database per display): events
 * waiting for the core's answer, plays whose end is not posted yet, and a
 * ledger of every play started (bounded), which diagnostics and the soak read
 * to prove no play went missing. Events posted in one task (a play's end and
 * the next one's start) share one transaction, and so do each event's traces:
 * a kill at any moment leaves all of them or none.
 */
export class EventStore {
  private readonly db: IDBDatabase;
  private ledgerAdds = 0;

  private constructor(db: IDBDatabase) {
    this.db = db;
  }

  static async open(display: string): Promise<EventStore> {
    const open = indexedDB.open(`pano-events:${display}`, 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('outbox', { autoIncrement: true });
      db.createObjectStore('open');
      db.createObjectStore('ledger', { autoIncrement: true });
    };
    return new EventStore(await req(open));
  }

  async load(): Promise<{ held: Held[]; open: OpenPlay[] }> {
    const t = this.db.transaction(['outbox', 'open'], 'readonly');
    const [keys, values, open] = await Promise.all([
      req(t.objectStore('outbox').getAllKeys()),
      req(t.objectStore('outbox').getAll()),
      req(t.objectStore('open').getAll() as IDBRequest<OpenPlay[]>),
    ]);
    return { held: keys.map((key, i) => ({ key: key as number, event: values[i] as RendererEvent })), open };
  }

  /** Persists events in one transaction (with their play bookkeeping); resolves with their keys once committed. */
  async add(events: RendererEvent[]): Promise<number[]> {
    const t = this.db.transaction(['outbox', 'open', 'ledger'], 'readwrite');
    const keys = events.map((event) => {
      const key = req(t.objectStore('outbox').add(event));
      if (event.type === 'play' && event.phase === 'start') {
        t.objectStore('open').put({ start: event } satisfies OpenPlay, event.playId);
        t.objectStore('ledger').add({ playId: event.playId, itemId: event.itemId, at: event.at });
        if (++this.ledgerAdds % 1_000 === 0) void this.trimLedger().catch(() => undefined);
      } else if (event.type === 'play') t.objectStore('open').delete(event.playId);
      return key;
    });
    await done(t);
    return (await Promise.all(keys)) as number[];
  }

  /** The core has these: they leave the queue. */
  async remove(keys: number[]): Promise<void> {
    if (keys.length === 0) return;
    const t = this.db.transaction('outbox', 'readwrite');
    const store = t.objectStore('outbox');
    for (const k of keys) store.delete(k);
    await done(t);
  }

  private async trimLedger(): Promise<void> {
    const t = this.db.transaction('ledger', 'readwrite');
    const store = t.objectStore('ledger');
    const extra = (await req(store.count())) - LEDGER_KEEP;
    if (extra <= 0) return;
    const first = await req(store.openKeyCursor());
    if (!first) return;
    store.delete(IDBKeyRange.bound(first.key, (first.key as number) + extra - 1));
    await done(t);
  }
}
