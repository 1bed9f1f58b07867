import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { ensureThumbnail, mediaDir, mediaPath } from './library.ts';
import { ffprobe, playabilityWarning } from './probe.ts';
import { detectType } from './types.ts';

/**
 * Streams an upload to a temporary file, hashing on the way in and refusing
 * past the size cap; then keeps one file per sha256 (an identical upload is
 * a no-op), probes it and queues its thumbnail or poster frame.
 */
export async function receiveUpload(hub: HubContext, req: IncomingMessage, name: string, username: string): Promise<{ sha256: string; deduplicated: boolean }> {
  const max = hub.limits.maxUploadBytes;
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > max) {
    req.resume();
    throw new HttpError(413, 'TOO_LARGE', `upload of ${declared} bytes exceeds the limit of ${max} bytes`);
  }
  const dir = mediaDir(hub);
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const tmp = join(dir, 'tmp', randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > max) return done(new HttpError(413, 'TOO_LARGE', `upload exceeds the limit of ${max} bytes`));
      if (head.length < 64) head = Buffer.concat([head, chunk.subarray(0, 64 - head.length)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(req, meter, createWriteStream(tmp, { flags: 'wx' }));
    const file = await open(tmp, 'r');
    await file.sync();
    await file.close();
  } catch (error) {
    await rm(tmp, { force: true });
    req.resume();
    throw error instanceof HttpError ? error : new HttpError(400, 'MALFORMED', `upload failed: ${(error as Error).message}`);
  }
  if (size === 0) {
    await rm(tmp, { force: true });
    throw new HttpError(400, 'MALFORMED', 'the upload is empty');
  }
  const detected = detectType(head);
  if (!detected || 'refused' in detected) {
    await rm(tmp, { force: true });
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `${name}: ${detected ? detected.refused : 'not a format screens play (MP4, WebM, JPEG, PNG, WebP, AVIF, WebVTT, WOFF2)'}`);
  }
  const type = detected.type;
  const sha256 = hash.digest('hex');
  const existing = await hub.db.get<{ sha256: string }>('SELECT sha256 FROM media WHERE sha256 = $1', [sha256]);
  const final = mediaPath(hub, sha256);
  if (existing && (await stat(final).catch(() => undefined))?.size === size) {
    await rm(tmp, { force: true });
    return { sha256, deduplicated: true };
  }
  await rename(tmp, final);
  const probe = type.startsWith('video/') || type.startsWith('image/') ? await ffprobe(final) : undefined;
  const warning = playabilityWarning(type, probe);
  const duration = type.startsWith('video/') ? (probe?.durationSec ?? null) : null;
  await hub.db.run(
    `INSERT INTO media (sha256, size, type, name, duration_sec, width, height, codec, warning, uploaded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (sha256) DO NOTHING`,
    [sha256, size, type, name, duration, probe?.width ?? null, probe?.height ?? null, probe?.codec ?? null, warning, username, hub.now()],
  );
  // Queued, not awaited: the answer already names its URL, whose first request waits for it.
  void ensureThumbnail(hub, { sha256, type, duration_sec: duration, thumbnail: 0 });
  await audit(hub, username, 'upload', `${name} (${sha256.slice(0, 12)}, ${size} bytes)`);
  return { sha256, deduplicated: false };
}
