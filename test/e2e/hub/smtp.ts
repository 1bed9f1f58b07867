/**
 * A real SMTP server for the tests that send mail (Debian's python3-aiosmtpd,
 * smtp-server.py: STARTTLS and AUTH LOGIN required), and readers of what it
 * received: the text part, the subject and the attachments, decoded as a mail
 * client would. Nothing is awaited by sleeping: `until` polls the folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

const SMTP_SERVER = join(import.meta.dirname, 'smtp-server.py');
export const SMTP_USER = 'pano-hub';
export const SMTP_PASSWORD = 'mật-khẩu';

export interface Mail { mailFrom: string; rcptTos: string[]; tls: boolean; login: string | null; data: string }

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

export async function until<T>(what: string, ms: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100)); // a poll interval, not a wait for the event
  }
}

export interface SmtpServer {
  port: number;
  /** Every accepted message, in arrival order. */
  mails(): Mail[];
  /** The messages one recipient received. */
  mailsTo(who: string): Mail[];
  /** The hub's alerts settings `smtp` for this server. */
  settings(): { host: string; port: number; starttls: true; allowSelfSigned: true; user: string; password: string; from: string };
  stop(): void;
}

/** Starts the server on `port` (a free one when absent); its certificate and mail folder live under `dir`. */
export async function startSmtp(dir: string, port?: number): Promise<SmtpServer> {
  const folder = join(dir, 'mail');
  mkdirSync(folder, { recursive: true });
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn('/usr/bin/python3', [SMTP_SERVER, String(p), folder, join(dir, 'cert.pem'), join(dir, 'key.pem'), SMTP_USER, SMTP_PASSWORD], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
    child.once('exit', (c) => reject(new Error(`smtp-server.py exited ${c} (is python3-aiosmtpd installed?)`)));
  });
  const mails = (): Mail[] =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .sort((a, b) => parseInt(a) - parseInt(b))
      .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as Mail);
  return {
    port: p,
    mails,
    mailsTo: (who) => mails().filter((m) => m.rcptTos.includes(who)),
    settings: () => smtpSettings(p),
    stop: () => child.kill('SIGTERM'),
  };
}

export const smtpSettings = (port: number) => ({ host: '127.0.0.1', port, starttls: true as const, allowSelfSigned: true as const, user: SMTP_USER, password: SMTP_PASSWORD, from: 'pano@example.org' });

function decode(head: string, raw: string): Buffer {
  if (/content-transfer-encoding: base64/i.test(head)) return Buffer.from(raw.replace(/\s+/g, ''), 'base64');
  if (/content-transfer-encoding: quoted-printable/i.test(head)) {
    const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1');
  }
  return Buffer.from(raw, 'utf8');
}

interface Part { head: string; body: Buffer }

/** The leaf parts of a (possibly multipart) message, each with its headers. */
function parts(data: string): Part[] {
  const [head = '', ...rest] = data.split(/\r?\n\r?\n/);
  const raw = rest.join('\n\n');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head.replace(/\r?\n[ \t]/g, ' '))?.[1];
  if (!/content-type: multipart\//i.test(head) || !boundary) return [{ head, body: decode(head, raw) }];
  return raw
    .split(`--${boundary}`)
    .slice(1)
    .filter((p) => !p.startsWith('--'))
    .flatMap((p) => parts(p.replace(/^\r?\n/, '')));
}

/** The text part, quoted-printable or base64 as nodemailer chose. */
export const text = (mail: Mail): string => (parts(mail.data).find((p) => !/content-disposition: attachment/i.test(p.head))?.body ?? Buffer.alloc(0)).toString('utf8');

/** The attachments by file name. */
export function attachments(mail: Mail): Map<string, { type: string; content: Buffer }> {
  const out = new Map<string, { type: string; content: Buffer }>();
  for (const p of parts(mail.data)) {
    const head = p.head.replace(/\r?\n[ \t]/g, ' ');
    if (!/content-disposition: attachment/i.test(head)) continue;
    const name = /filename="?([^";]+)"?/i.exec(head)?.[1] ?? '';
    out.set(name, { type: /content-type: ([^;\s]+)/i.exec(head)?.[1] ?? '', content: p.body });
  }
  return out;
}

export const subjectOf = (mail: Mail) => {
  const line = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail.data)![1]!.replace(/\r?\n[ \t]/g, ' ');
  return line.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, s: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(s, 'base64').toString('utf8') : Buffer.from(s.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
};
