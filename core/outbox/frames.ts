import { crc32 } from 'node:zlib';
import { parseJsonText } from '../../playlists/parse.ts';

/**
 * On-disk record framing: MAGIC | length u32 BE | crc32 u32 BE | JSON bytes.
 * The magic lets a reader find the next record after a torn or corrupt one,
 * so one bad record never blocks the queue.
 */
export const MAGIC = Buffer.from('PNO1');
const HEADER = 12;
export const MAX_RECORD = 256 * 1024;

export function encodeFrame(value: unknown): Buffer {
  const data = Buffer.from(JSON.stringify(value), 'utf8');
  const frame = Buffer.allocUnsafe(HEADER + data.length);
  MAGIC.copy(frame, 0);
  frame.writeUInt32BE(data.length, 4);
  frame.writeUInt32BE(crc32(data), 8);
  data.copy(frame, HEADER);
  return frame;
}

export interface Decoded {
  values: { value: unknown; offset: number; size: number }[];
  corrupt: number;
  /** End of the last good frame: anything after it is a torn tail. */
  validEnd: number;
}

export function decodeFrames(buf: Buffer): Decoded {
  const values: Decoded['values'] = [];
  let corrupt = 0;
  let pos = 0;
  let validEnd = 0;
  while (pos < buf.length) {
    const ok = pos + HEADER <= buf.length && buf.compare(MAGIC, 0, 4, pos, pos + 4) === 0;
    const len = ok ? buf.readUInt32BE(pos + 4) : -1;
    if (ok && len <= MAX_RECORD && pos + HEADER + len <= buf.length) {
      const data = buf.subarray(pos + HEADER, pos + HEADER + len);
      if (crc32(data) === buf.readUInt32BE(pos + 8)) {
        let value: unknown;
        try {
          value = parseJsonText(data.toString('utf8'), 'outbox record');
        } catch {
          value = undefined;
        }
        if (value !== undefined) {
          values.push({ value, offset: pos, size: HEADER + len });
          pos += HEADER + len;
          validEnd = pos;
          continue;
        }
      }
    }
    corrupt++;
    const next = buf.indexOf(MAGIC, pos + 1);
    if (next === -1) break;
    pos = next;
  }
  return { values, corrupt, validEnd };
}
