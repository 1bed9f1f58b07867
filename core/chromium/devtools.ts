import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJsonText, parseUnknown } from '../../playlists/parse.ts';

/**
 * The DevTools protocol, just what the Chromium shell needs: find the page of
 * a kiosk process, screenshot it, reload it, hear about crashes. Node 24's
 * global WebSocket speaks to Chromium's loopback DevTools port.
 */

/** Chromium writes "<port>\n<browser ws path>" here once DevTools listens. */
export async function readDevToolsPort(userDataDir: string): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(join(userDataDir, 'DevToolsActivePort'), 'utf8');
  } catch {
    return null;
  }
  const port = Number(text.split('\n')[0]);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
}

const TargetList = z.array(
  z.looseObject({ type: z.string(), url: z.string(), webSocketDebuggerUrl: z.string().optional() }),
);

/** The WebSocket URL of the kiosk page (the first `page` target). */
export async function pageWebSocketUrl(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`DevTools /json/list answered ${response.status}`);
  const targets = parseUnknown(TargetList, await response.json(), 'DevTools target list');
  const page = targets.find((t) => t.type === 'page' && t.webSocketDebuggerUrl);
  if (!page?.webSocketDebuggerUrl) throw new Error('Chromium has no page open yet');
  return page.webSocketDebuggerUrl;
}

const Reply = z.looseObject({
  id: z.number().optional(),
  method: z.string().optional(),
  params: z.unknown().optional(),
  result: z.unknown().optional(),
  error: z.looseObject({ message: z.string() }).optional(),
});

export interface CdpSession {
  send(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<unknown>;
  /** Protocol events (e.g. Inspector.targetCrashed). */
  onEvent(listener: (method: string, params: unknown) => void): void;
  /** Fires once when the socket closes (process gone, page closed). */
  onClose(listener: () => void): void;
  /** Closes now: pending calls reject at once. */
  close(): void;
}

export function openCdp(wsUrl: string, connectTimeoutMs = 5_000): Promise<CdpSession> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl);
    const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
    const eventListeners: Array<(method: string, params: unknown) => void> = [];
    const closeListeners: Array<() => void> = [];
    let nextId = 1;
    const connectTimer = setTimeout(() => {
      socket.close();
      reject(new Error(`DevTools connection to ${wsUrl} timed out`));
    }, connectTimeoutMs);

    socket.addEventListener('message', (event) => {
      let reply: z.infer<typeof Reply>;
      try {
        // Screenshots come back as base64 in one message: a 4K PNG is tens of MB, so only depth and object count are capped.
        reply = parseUnknown(Reply, parseJsonText(String(event.data), 'DevTools message', { maxBytes: 1024 ** 3 }), 'DevTools message');
      } catch {
        return; // not ours to understand; the protocol only adds fields
      }
      if (reply.id !== undefined) {
        const waiter = pending.get(reply.id);
        if (!waiter) return;
        pending.delete(reply.id);
        clearTimeout(waiter.timer);
        if (reply.error) waiter.reject(new Error(`DevTools: ${reply.error.message}`));
        else waiter.resolve(reply.result);
      } else if (reply.method) {
        for (const listener of eventListeners) listener(reply.method, reply.params);
      }
    });
    // Settles everything at once: a killed Chromium may leave the TCP connection
    // half-open (its children hold the socket), so do not wait for 'close' to come.
    const shutDown = (): void => {
      clearTimeout(connectTimer);
      for (const waiter of pending.values()) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('DevTools connection closed'));
      }
      pending.clear();
      for (const listener of closeListeners.splice(0)) listener();
      reject(new Error(`DevTools connection to ${wsUrl} closed`));
    };
    socket.addEventListener('close', shutDown);
    socket.addEventListener('error', () => {
      // 'close' follows and settles everything.
    });
    socket.addEventListener('open', () => {
      clearTimeout(connectTimer);
      resolve({
        send(method, params = {}, timeoutMs = 10_000) {
          const id = nextId++;
          return new Promise((resolveSend, rejectSend) => {
            const timer = setTimeout(() => {
              pending.delete(id);
              rejectSend(new Error(`DevTools ${method} timed out after ${timeoutMs} ms`));
            }, timeoutMs);
            pending.set(id, { resolve: resolveSend, reject: rejectSend, timer });
            socket.send(JSON.stringify({ id, method, params }));
          });
        },
        onEvent: (listener) => void eventListeners.push(listener),
        onClose: (listener) => void closeListeners.push(listener),
        close: () => {
          shutDown();
          socket.close();
        },
      });
    });
  });
}

const Screenshot = z.looseObject({ data: z.string().min(1) });

/** PNG bytes of what the page shows now. */
export async function captureScreenshot(session: CdpSession): Promise<Uint8Array> {
  const result = parseUnknown(Screenshot, await session.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true }), 'Page.captureScreenshot result');
  return new Uint8Array(Buffer.from(result.data, 'base64'));
}

/**
 * The page hides the pointer (`cursor: none`), but Chromium applies a page's
 * cursor only once a mouse event reaches it: until then X shows Chromium's
 * arrow in the middle of the screen, and a screen without a mouse never moves
 * it. One synthetic move into the page's corner, after every load, makes
 * Chromium set the page's (invisible) cursor on its window. Touch is unaffected.
 */
export function hidePointerOnLoad(session: CdpSession): Promise<void> {
  const park = () => session.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 0, y: 0 }).then(() => undefined);
  session.onEvent((method) => {
    if (method === 'Page.loadEventFired') void park().catch(() => undefined);
  });
  return session.send('Page.enable').then(park);
}
