import { lstat, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { isStudioPath } from '../../playlists/schemas/operator-api.ts';
import { sendFile } from '../media/serve.ts';
import { CompressedFiles, compressible, MIN_BYTES, pickEncoding, type Encoding } from './compress.ts';
import { notFound } from './errors.ts';

/** Built by Vite with content hashes in their names: a name never changes bytes. */
const HASHED = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * The studio's pages: scripts and styles from the hub's own files only (no
 * inline script), media and thumbnails from the hub, frames only of the hub
 * (the real-engine preview). React sets styles through the CSSOM, which
 * style-src 'self' allows.
 */
export const STUDIO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** The preview frame runs the screens' own renderer: live streams in a draft may come from other https hosts. */
export const PREVIEW_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: https:",
  "font-src 'self'",
  "connect-src 'self' https:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const PAGE_HEADERS = (csp: string) => ({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy': csp,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'same-origin',
});

/** When studio/dist was not built: say how, in both languages, rather than a bare 404. */
const NOT_BUILT = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Pano</title></head>
<body><main>
<h1>Chưa dựng giao diện Pano Studio</h1>
<p>Hãy chạy <code>npm run build:studio</code> (hoặc <code>npm start</code>), rồi tải lại trang này.</p>
<h1 lang="en">The Pano studio has not been built</h1>
<p lang="en">Run <code>npm run build:studio</code> (or <code>npm start</code>), then reload this page.</p>
</main></body></html>
`;

/** One path segment chain under `root`, no dot files, no "..": a name can never leave the folder. */
function inside(root: string, rel: string): string | undefined {
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p.startsWith('.') || p.includes('\\') || p.includes('\0'))) return undefined;
  const path = resolve(root, ...parts);
  return path.startsWith(resolve(root) + '/') ? path : undefined;
}

async function sendBuilt(req: IncomingMessage, res: ServerResponse, root: string, encoded: string, cacheControl: string): Promise<void> {
  let rel: string;
  try {
    rel = decodeURIComponent(encoded);
  } catch {
    throw notFound('file');
  }
  const path = inside(root, rel);
  // lstat: a symlink is not followed out of the folder; only regular files are served.
  const info = path ? await lstat(path).catch(() => undefined) : undefined;
  if (!path || !info?.isFile()) throw notFound('file');
  const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const etag = `"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`;
  if (compressible(type) && info.size >= MIN_BYTES) {
    // The answer depends on Accept-Encoding, compressed or not: caches must keep them apart.
    res.setHeader('vary', 'Accept-Encoding');
    const encoding = pickEncoding(req.headers['accept-encoding']);
    if (encoding) return sendCompressed(req, res, path, type, etag, encoding, cacheControl);
  }
  await sendFile(req, res, path, type, etag, cacheControl);
}

const compressed = new CompressedFiles();

/** A compressed representation has its own ETag; a Range on it is answered with the whole (RFC 9110 lets a server ignore Range). */
async function sendCompressed(req: IncomingMessage, res: ServerResponse, path: string, type: string, fileEtag: string, encoding: Encoding, cacheControl: string): Promise<void> {
  const etag = `${fileEtag.slice(0, -1)}-${encoding}"`;
  const headers = { 'content-type': type, 'content-encoding': encoding, etag, 'cache-control': cacheControl, 'x-content-type-options': 'nosniff' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const bytes = await compressed.get(path, fileEtag, encoding);
  res.writeHead(200, { ...headers, 'content-length': bytes.length });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

async function sendPage(req: IncomingMessage, res: ServerResponse, file: string, csp: string, fallback: string | undefined): Promise<void> {
  const body = await readFile(file).catch(() => undefined);
  if (!body && fallback === undefined) throw notFound('page');
  const bytes = body ?? Buffer.from(fallback!);
  res.writeHead(body ? 200 : 503, { ...PAGE_HEADERS(csp), 'content-length': bytes.length });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

export interface StaticDirs {
  /** studio/dist: index.html and hashed assets/. */
  studio: string;
  /** renderer/dist: the screens' bundle, for the studio's preview frame. */
  renderer: string;
}

/**
 * Answers the GETs that are not the API: /assets/* (the studio's hashed
 * files, cached a year), /preview/* (the renderer's bundle), and every other
 * path with the studio's index.html (the studio routes in the browser; /pair?code=…
 * is what a screen's QR code opens). Returns false for paths it does not own.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, dirs: StaticDirs): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  // A path with dot segments (plain or encoded) is never an app path: the URL parser would have moved it elsewhere.
  if ((req.url ?? '/').split('?')[0] !== pathname) return false;
  if (pathname.startsWith('/assets/')) {
    await sendBuilt(req, res, join(dirs.studio, 'assets'), pathname.slice('/assets/'.length), HASHED);
    return true;
  }
  if (pathname === '/preview' || pathname === '/preview/' || pathname === '/preview/index.html') {
    // preview.html: the renderer's page without the core's /api/state preload (a bundle built before it had none).
    const preview = join(dirs.renderer, 'preview.html');
    const page = (await lstat(preview).catch(() => undefined))?.isFile() ? preview : join(dirs.renderer, 'index.html');
    await sendPage(req, res, page, PREVIEW_CSP, undefined);
    return true;
  }
  if (pathname.startsWith('/preview/assets/')) {
    await sendBuilt(req, res, join(dirs.renderer, 'assets'), pathname.slice('/preview/assets/'.length), HASHED);
    return true;
  }
  if (!isStudioPath(pathname)) return false;
  // A file of studio/dist's top level (favicon, robots.txt) when there is one; otherwise the app.
  const top = /^\/[A-Za-z0-9][\w.-]*\.(ico|png|svg|txt|webmanifest)$/.test(pathname) ? inside(dirs.studio, pathname.slice(1)) : undefined;
  if (top && (await lstat(top).catch(() => undefined))?.isFile()) {
    await sendBuilt(req, res, dirs.studio, pathname.slice(1), 'public, max-age=3600');
    return true;
  }
  await sendPage(req, res, join(dirs.studio, 'index.html'), STUDIO_CSP, NOT_BUILT);
  return true;
}
