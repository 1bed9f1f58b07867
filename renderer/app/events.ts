import type { RendererEvent } from '../../playlists/schemas/reports.ts';

/**
 * Posts play and interaction events to the core in small batches. The core
 * makes them durable; until it answers 202 we keep them (bounded) and retry.
 */
const MAX_QUEUE = 500;
let queue: RendererEvent[] = [];
let inFlight = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

export function postEvent(event: RendererEvent): void {
  queue.push(event);
  if (queue.length > MAX_QUEUE) queue = queue.slice(-MAX_QUEUE);
  queueMicrotask(flush);
}

async function flush(): Promise<void> {
  if (inFlight || queue.length === 0) return;
  inFlight = true;
  const batch = queue.slice(0, 100);
  try {
    const res = await fetch('/api/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
      keepalive: true,
    });
    if (res.status >= 500 || res.status === 429) throw new Error(`HTTP ${res.status}`);
    // A 4xx means the core refused these events for good: retrying cannot help.
    queue = queue.slice(batch.length);
    inFlight = false;
    if (queue.length > 0) void flush();
  } catch {
    inFlight = false;
    retryTimer ??= setTimeout(() => {
      retryTimer = null;
      void flush();
    }, 2_000);
  }
}

/** A record id (RecordId: 8–64 of A–Z a–z 0–9 -). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
