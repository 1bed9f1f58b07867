import type { ServerResponse } from 'node:http';

/**
 * Server-sent events, one stream per connected device. Events are written at
 * once (no buffering), so a takeover reaches an online screen in one round trip.
 * Keep-alive comments stop proxies from closing idle streams; `retry:` tells
 * EventSource-style clients to reconnect after 2 s.
 */
export class PushHub {
  readonly #streams = new Map<string, Set<ServerResponse>>();
  readonly #timer: NodeJS.Timeout;

  constructor(keepAliveMs: number) {
    this.#timer = setInterval(() => this.#broadcastComment('keep-alive'), keepAliveMs);
    this.#timer.unref();
  }

  attach(deviceId: string, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    let set = this.#streams.get(deviceId);
    if (!set) this.#streams.set(deviceId, (set = new Set()));
    set.add(res);
    res.on('close', () => {
      set.delete(res);
      if (set.size === 0 && this.#streams.get(deviceId) === set) this.#streams.delete(deviceId);
    });
  }

  /** True when the event was written to at least one open stream. */
  send(deviceId: string, event: 'playlist' | 'command', data: unknown): boolean {
    const set = this.#streams.get(deviceId);
    if (!set?.size) return false;
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of set) res.write(frame);
    return true;
  }

  connected(deviceId: string): boolean {
    return (this.#streams.get(deviceId)?.size ?? 0) > 0;
  }

  /** Revocation: the device's streams end now. */
  disconnect(deviceId: string): void {
    for (const res of this.#streams.get(deviceId) ?? []) res.end();
    this.#streams.delete(deviceId);
  }

  close(): void {
    clearInterval(this.#timer);
    for (const id of [...this.#streams.keys()]) this.disconnect(id);
  }

  #broadcastComment(text: string): void {
    for (const set of this.#streams.values()) for (const res of set) res.write(`: ${text}\n\n`);
  }
}
