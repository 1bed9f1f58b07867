import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A real SMTP server for tests that send mail (alerts, the board's notices):
 * Debian's python3-aiosmtpd (smtp-server.py) with STARTTLS and AUTH LOGIN
 * required, writing each accepted message to a folder the test reads.
 */

export interface Mail { mailFrom: string; rcptTos: string[]; tls: boolean; login: string | null; data: string }

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

export interface SmtpServer {
  port: number;
  /** What the hub's SMTP settings need to reach it. */
  settings: { host: string; port: number; starttls: true; allowSelfSigned: true; user: string; password: string; from: string };
  mails(): Mail[];
  mailsTo(who: string): Mail[];
  stop(): void;
}

/** Starts the server in `dir` (a self-signed certificate, a mail folder); resolves once it listens. */
export async function startSmtp(dir: string, user = 'pano-hub', password = 'mật-khẩu'): Promise<SmtpServer> {
  const folder = join(dir, 'mail');
  mkdirSync(folder, { recursive: true });
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'smtp-key.pem'), '-out', join(dir, 'smtp-cert.pem')], { stdio: 'ignore' });
  const port = await freePort();
  const child: ChildProcess = spawn('/usr/bin/python3', [join(import.meta.dirname, 'smtp-server.py'), String(port), folder, join(dir, 'smtp-cert.pem'), join(dir, 'smtp-key.pem'), user, password], { stdio: ['ignore', 'pipe', 'inherit'] });
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
    port,
    settings: { host: '127.0.0.1', port, starttls: true, allowSelfSigned: true, user, password, from: 'pano@example.org' },
    mails,
    mailsTo: (who) => mails().filter((m) => m.rcptTos.includes(who)),
    stop: () => child.kill('SIGTERM'),
  };
}

/** The text part, quoted-printable or base64 as nodemailer chose. */
export function mailText(mail: Mail): string {
  const [head, ...rest] = mail.data.split(/\r?\n\r?\n/);
  const raw = rest.join('\n\n');
  if (/content-transfer-encoding: base64/i.test(head!)) return Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding: quoted-printable/i.test(head!)) {
    const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return raw;
}

export const mailSubject = (mail: Mail) => {
  const line = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail.data)![1]!.replace(/\r?\n[ \t]/g, ' ');
  return line.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, s: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(s, 'base64').toString('utf8') : Buffer.from(s.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
};

/** Polls (every 100 ms: an interval, not a wait for the event) until `probe` answers something. */
export async function until<T>(what: string, ms: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
