import type { Clock } from '../util/clock.ts';
import { request } from '../util/http.ts';

export interface SseEvent {
  event: string;
  data: string;
}

/** Splits an SSE byte stream into events (WHATWG event-stream rules, the parts servers use). */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  push(text: string, emit: (e: SseEvent) => void): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) !== -1) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + (this.buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (this.data.length > 0) emit({ event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') this.event = value;
        else if (field === 'data') this.data.push(value);
      }
    }
    // A line longer than 1 MiB is not an event we want: drop it.
    if (this.buffer.length > 1024 * 1024) this.buffer = '';
  }
}

/**
 * Listens to the push stream and reconnects with backoff. Events only
 * trigger work (a fetch, a command); nothing in them is trusted as content.
 */
export function listenPush(opts: {
  url: string;
  headers: () => Record<string, string>;
  clock: Clock;
  maxBackoffMs: number;
  onEvent: (e: SseEvent) => void;
  onError: (message: string) => void;
  /** The stream is back after a drop: events sent meanwhile are lost, so the caller should fetch now. */
  onReconnect?: () => void;
}): { stop(): void } {
  let stopped = false;
  let failures = 0;
  let connections = 0;
  let abort = new AbortController();
  let timer: unknown;

  const connect = async () => {
    abort = new AbortController();
    try {
      const res = await request(opts.url, { headers: { ...opts.headers(), accept: 'text/event-stream' }, idleTimeoutMs: 90_000, signal: abort.signal }, opts.clock.now);
      if (res.status !== 200) {
        res.body.resume();
        throw new Error(`push stream: HTTP ${res.status}`);
      }
      failures = 0;
      if (connections++ > 0) opts.onReconnect?.();
      const parser = new SseParser();
      res.body.setEncoding('utf8');
      for await (const chunk of res.body as AsyncIterable<string>) parser.push(chunk, opts.onEvent);
    } catch (error) {
      if (!stopped) opts.onError((error as Error).message);
    }
    if (stopped) return;
    failures++;
    timer = opts.clock.setTimeout(() => void connect(), Math.min(opts.maxBackoffMs, 1_000 * 2 ** Math.min(failures, 10)));
  };
  void connect();
  return {
    stop: () => {
      stopped = true;
      opts.clock.clearTimeout(timer);
      abort.abort();
    },
  };
}
