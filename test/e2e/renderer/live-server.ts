/**
 * A live HLS stream on loopback, made from the VOD fixture's segments: a
 * sliding window of three 1 s segments, one more every second. `down()` makes
 * every request fail (503) until `up()`; `freeze()` leaves every request
 * hanging, as a stream that stalls without an error; `delayNextManifest(ms)`
 * answers the next playlist request only after `ms` (a slow origin).
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface LiveServer {
  url: string;
  up(): void;
  down(): void;
  freeze(): void;
  delayNextManifest(ms: number): void;
  stop(): Promise<void>;
}

export async function startLiveServer(hlsDir: string, startDown = false): Promise<LiveServer> {
  const t0 = Date.now();
  let isDown = startDown;
  let frozen = false;
  let manifestDelayMs = 0;
  const server = http.createServer(async (req, res) => {
    // Like a live CDN: the player page (on the core's origin) reads it with CORS.
    res.setHeader('access-control-allow-origin', '*');
    if (isDown) return void res.writeHead(503).end();
    if (frozen) return; // never answered; closed by stop()
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/live/index.m3u8') {
      const wait = manifestDelayMs;
      manifestDelayMs = 0;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const n = Math.floor((Date.now() - t0) / 1000);
      const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:1', `#EXT-X-MEDIA-SEQUENCE:${n}`, `#EXT-X-DISCONTINUITY-SEQUENCE:${n}`];
      for (let i = n; i < n + 3; i++) lines.push('#EXT-X-DISCONTINUITY', '#EXTINF:1.000000,', `seg-${String(i % 3).padStart(3, '0')}.ts?n=${i}`);
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-store' });
      return void res.end(`${lines.join('\n')}\n`);
    }
    const seg = /^\/live\/(seg-\d{3}\.ts)$/.exec(path);
    if (!seg) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'video/mp2t' });
    res.end(await readFile(join(hlsDir, seg[1]!)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/live/index.m3u8`,
    up: () => void (isDown = false),
    down: () => void (isDown = true),
    freeze: () => void (frozen = true),
    delayNextManifest: (ms) => void (manifestDelayMs = ms),
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
