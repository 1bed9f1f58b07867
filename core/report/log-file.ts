import { appendFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogPull } from '../../playlists/schemas/device-api.ts';

/** Each file's cap: the log on disk is at most twice this (the current file and one rotated). */
export const LOG_FILE_BYTES = 2 * 1024 * 1024;
export const LOG_NAME = 'player.log';

const REDACTED = '[redacted]';

/**
 * Secrets never reach the file: the known token values, and anything shaped
 * like a credential (a bearer token, token=… in a URL, "token": "…" in JSON),
 * in case a message quotes a request.
 */
export function redact(line: string, secrets: readonly (string | undefined)[]): string {
  let out = line;
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join(REDACTED);
  return out
    .replace(/(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`)
    .replace(/((?:^|[?&\s])(?:token|apiToken|access_token)=)[^\s&"',;]+/gi, `$1${REDACTED}`)
    .replace(/("(?:token|apiToken|deviceToken)"\s*:\s*")[^"]*"/gi, `$1${REDACTED}"`);
}

/**
 * The last `lines` lines of `text`, no more than `maxBytes` bytes of UTF-8,
 * whole lines only (a line cut by the byte bound is dropped; a single line
 * longer than the bound is cut at its start, on a character boundary).
 */
export function tailText(text: string, bounds: LogPull): string {
  if (text === '') return '';
  const all = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const picked: string[] = [];
  let bytes = 0;
  for (let i = all.length - 1; i >= 0 && picked.length < bounds.lines; i--) {
    const line = all[i]!;
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (bytes + size > bounds.maxBytes) {
      if (picked.length === 0) picked.push(cutStart(line, bounds.maxBytes - 1));
      break;
    }
    picked.push(line);
    bytes += size;
  }
  if (picked.length === 0) return '';
  return `${picked.reverse().join('\n')}\n`;
}

/** The end of `line` in at most `max` bytes, never splitting a character. */
function cutStart(line: string, max: number): string {
  const buf = Buffer.from(line, 'utf8');
  if (buf.length <= max) return line;
  let start = buf.length - max;
  while (start < buf.length && (buf[start]! & 0xc0) === 0x80) start++; // a continuation byte: step to the next character
  return buf.subarray(start).toString('utf8');
}

/**
 * The player's own log on disk: <dataDir>/logs/player.log, rotated to
 * player.log.1 when it passes `capBytes`, so it never holds more than two
 * caps. Lines are written in order (one append at a time) and redacted
 * before they reach the disk; a failing disk never stops the player.
 */
export class LogFile {
  private readonly dir: string;
  private readonly cap: number;
  private readonly secrets: () => readonly (string | undefined)[];
  private size: number | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(dir: string, options: { capBytes?: number; secrets?: () => readonly (string | undefined)[] } = {}) {
    this.dir = dir;
    this.cap = options.capBytes ?? LOG_FILE_BYTES;
    this.secrets = options.secrets ?? (() => []);
  }

  get path(): string {
    return join(this.dir, LOG_NAME);
  }

  /** Appends `<ISO time> <line>`; resolves once it is written (or failed quietly). */
  write(line: string, at = new Date()): Promise<void> {
    const text = `${at.toISOString()} ${redact(line.replace(/[\r\n]+/g, ' '), this.secrets())}\n`;
    this.queue = this.queue.then(() => this.append(text)).catch(() => {});
    return this.queue;
  }

  /** Waits for every write so far. */
  flush(): Promise<void> {
    return this.queue;
  }

  /** The tail of the rotated file and the current one, within the bounds. */
  async tail(bounds: LogPull): Promise<string> {
    await this.flush();
    const read = (name: string) => readFile(join(this.dir, name), 'utf8').catch(() => '');
    const [old, current] = await Promise.all([read(`${LOG_NAME}.1`), read(LOG_NAME)]);
    return tailText(old + current, bounds);
  }

  private async append(text: string): Promise<void> {
    if (this.size === null) {
      await mkdir(this.dir, { recursive: true });
      this.size = await stat(this.path).then((s) => s.size, () => 0);
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.size > 0 && this.size + bytes > this.cap) {
      await rename(this.path, `${this.path}.1`);
      this.size = 0;
    }
    await appendFile(this.path, text, 'utf8');
    this.size += bytes;
  }
}
