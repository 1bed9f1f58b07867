import type { ServerResponse } from 'node:http';

/** `settings` carries a DSSE envelope (device-settings), the others small JSON hints. */
export type PushEvent = 'playlist' | 'command' | 'settings';

const frame = (event: PushEvent, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

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

  /**
   * Opens a stream. It replaces the device's older streams: a screen holds
   * one, so an older one is a connection that died without the hub noticing,
   * and events written there would be lost. Returns a writer for this stream
   * alone, for the state a (re)connecting screen gets at once.
   */
  attach(deviceId: string, res: ServerResponse): (event: PushEvent, data: unknown) => void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    let set = this.#streams.get(deviceId);
    if (!set) this.#streams.set(deviceId, (set = new Set()));
    for (const old of set) old.end();
    set.clear();
    set.add(res);
    res.on('close', () => {
      set.delete(res);
      if (set.size === 0 && this.#streams.get(deviceId) === set) this.#streams.delete(deviceId);
    });
    // A newer stream may have replaced this one while the caller was reading the database.
    return (event, data) => void (res.writableEnded || res.write(frame(event, data)));
  }

  /** True when the event was written to at least one open stream. */
  send(deviceId: string, event: PushEvent, data: unknown): boolean {
    const set = this.#streams.get(deviceId);
    if (!set?.size) return false;
    for (const res of set) res.write(frame(event, data));
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
