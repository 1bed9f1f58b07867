/**
 * Alerts end to end (issue 17): a real hub, a real SMTP server (Debian's
 * python3-aiosmtpd, STARTTLS and AUTH LOGIN required), a real HTTP webhook
 * receiver checking the HMAC, a real player process (`pano player --shell
 * none`) that is killed and restarted, and twenty screens speaking the device
 * protocol over HTTP whose heartbeats stop together. Nothing is awaited by
 * sleeping: the test polls the SMTP server's folder and the receiver's list.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDevice, op, opJson, startTestHub, type TestHub } from './helpers.ts';
import { startSmtp, subjectOf, text, until, type SmtpServer } from './smtp.ts';

const PANO = join(import.meta.dirname, '..', '..', '..', 'cli', 'pano.js');
const SECRET = 'webhook-secret-đ';

interface Hook { delivery: string; signatureOk: boolean; body: { id: string; opened: { deviceId: string; rule: string }[]; closed: { deviceId: string; rule: string }[] } }

let t: TestHub;
let dir: string;
let smtp: SmtpServer | undefined;
let player: ChildProcess | undefined;
let receiver: Server | undefined;
const hooks: Hook[] = [];
let refusedOnce = false;

const mailsTo = (who: string) => smtp!.mails().filter((m) => m.rcptTos.includes(who));

function startPlayer(data: string, hubUrl: string): Promise<{ child: ChildProcess; code: Promise<string> }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PANO_')));
  const child = spawn(process.execPath, [PANO, 'player', '--shell', 'none', '--hub', hubUrl, '--data', data, '--api-port', '0', '--tag', 'airport'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const code = new Promise<string>((resolve) =>
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /enter code (\S+) at/.exec(out);
      if (m) resolve(m[1]!);
    }),
  );
  return Promise.resolve({ child, code });
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pano-alerts-e2e-'));
  mkdirSync(join(dir, 'player'));
  smtp = await startSmtp(dir);

  // The receiver refuses the very first delivery (503) to make the hub retry; it keeps every accepted one.
  receiver = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!refusedOnce) {
        refusedOnce = true;
        res.writeHead(503).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const expected = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
      hooks.push({ delivery: String(req.headers['x-pano-delivery']), signatureOk: req.headers['x-pano-signature'] === expected, body: JSON.parse(raw.toString('utf8')) as Hook['body'] });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', () => r()));

  t = await startTestHub('sqlite');
  const saved = await op(t.url, t.admin, 'PUT', '/api/alerts/settings', {
    checkSeconds: 0.5,
    groupSeconds: 2,
    thresholds: { offlineIntervals: 1, freeDiskMb: 1 },
    smtp: smtp.settings(),
    webhook: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: SECRET },
    recipients: [
      { tags: ['airport'], emails: ['airport@example.org'] },
      { tags: ['district-1'], emails: ['d1@example.org'] },
    ],
  });
  expect(saved.status).toBe(200);
  const view = (await saved.json()) as { smtp: { password: string }; smtpPasswordSet: boolean; webhookSecretSet: boolean };
  expect(view).toMatchObject({ smtp: { password: '' }, smtpPasswordSet: true, webhookSecretSet: true });
});

test.afterAll(async () => {
  player?.kill('SIGKILL');
  smtp?.stop();
  receiver?.close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a stopped player and twenty screens that fail together: one mail and one signed webhook each, then back to normal', async () => {
  test.setTimeout(180_000);
  const beats = (id: string) => t.hub.context.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM heartbeats WHERE device_id = $1', [id]).then((r) => Number(r!.n));

  // Twenty screens of district 1 beat every second, over real HTTP, until the "power cut".
  const district = await Promise.all(Array.from({ length: 20 }, (_, i) => FakeDevice.pair(t, { tags: ['district-1'] }, `q1-screen-${String(i).padStart(2, '0')}`)));
  let powered = true;
  const beating = (async () => {
    while (powered) {
      const started = Date.now();
      await Promise.all(district.map((d) => d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat()).then((r) => r.arrayBuffer())));
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started)))); // the screens' own heartbeat interval
    }
  })();

  // A real player, paired by its code, beating every second.
  writeFileSync(join(dir, 'player', 'config.json'), JSON.stringify({ heartbeatIntervalMs: 1000, uploadIntervalMs: 500, pairingPollMs: 200 }));
  let started = await startPlayer(join(dir, 'player'), t.url);
  player = started.child;
  const { deviceId } = await opJson<{ deviceId: string }>(t.url, t.admin, 'POST', '/api/pairings/confirm', { code: await started.code, name: 'Tân Sơn Nhất cổng 12', tags: ['airport'] });
  // The hub learns each screen's interval from the gaps between beats; a dozen beats bring it near the 5 s floor.
  await until('12 heartbeats of the player', 60_000, async () => ((await beats(deviceId)) >= 12 ? true : undefined));
  await until('12 heartbeats of each district screen', 30_000, async () => ((await beats(district[19]!.id)) >= 12 ? true : undefined));
  expect((await opJson<{ open: unknown[] }>(t.url, t.admin, 'GET', '/api/alerts')).open).toEqual([]);

  // 1. The player stops: one mail to the airport's recipients, one signed webhook (after one refused attempt).
  const stoppedAt = Date.now();
  player.kill('SIGKILL');
  const down = await until('the offline mail', 30_000, () => mailsTo('airport@example.org')[0]);
  expect(Date.now() - stoppedAt).toBeLessThan(15_000); // 1 × the learned interval (≤ 7 s) + 2 s grouping + passes of 0.5 s
  const hookDown = await until('the offline webhook', 30_000, () => hooks.find((h) => h.body.opened.some((a) => a.deviceId === deviceId)));
  expect(Date.now() - stoppedAt).toBeLessThan(20_000); // the same, plus one refused attempt and a 2 s backoff
  expect(down).toMatchObject({ tls: true, login: 'pano-hub', mailFrom: 'pano@example.org' });
  expect(subjectOf(down)).toBe('[Pano] Cảnh báo: 1 màn hình / Alert: 1 screen(s)');
  const body = text(down);
  expect(body).toContain('Tân Sơn Nhất cổng 12: mất kết nối');
  expect(body.indexOf('mất kết nối')).toBeLessThan(body.indexOf('Tân Sơn Nhất cổng 12: offline (no heartbeat'));
  expect(body).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} {2}Tân Sơn Nhất cổng 12/);
  expect(hookDown.signatureOk).toBe(true);
  expect(hookDown.body.opened).toEqual([expect.objectContaining({ deviceId, rule: 'offline' })]);
  expect(refusedOnce).toBe(true);
  expect(mailsTo('d1@example.org')).toEqual([]); // not their screens

  // 2. It comes back: "back to normal".
  started = await startPlayer(join(dir, 'player'), t.url);
  player = started.child;
  const up = await until('the back-to-normal mail', 30_000, () => mailsTo('airport@example.org')[1]);
  expect(subjectOf(up)).toContain('Trở lại bình thường');
  expect(subjectOf(up)).toContain('Back to normal');
  expect(text(up)).toContain('Tân Sơn Nhất cổng 12: mất kết nối');
  await until('the back-to-normal webhook', 30_000, () => hooks.find((h) => h.body.closed.some((a) => a.deviceId === deviceId)));
  expect(mailsTo('airport@example.org')).toHaveLength(2);

  // 3. District 1 loses power: twenty screens, one message.
  powered = false;
  await beating;
  const cut = await until('the power-cut mail', 30_000, () => mailsTo('d1@example.org')[0]);
  expect(subjectOf(cut)).toBe('[Pano] Cảnh báo: 20 màn hình / Alert: 20 screen(s)');
  for (const d of district) expect(text(cut)).toContain(`Screen ${d.id}: mất kết nối`);
  const hookCut = await until('the power-cut webhook', 30_000, () => hooks.find((h) => h.body.opened.length === 20));
  expect(hookCut.signatureOk).toBe(true);
  expect(new Set(hookCut.body.opened.map((a) => a.deviceId))).toEqual(new Set(district.map((d) => d.id)));

  // 4. Power returns: one "back to normal" for the twenty.
  await Promise.all(district.map((d) => d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat()).then((r) => r.arrayBuffer())));
  const back = await until('the district back-to-normal mail', 30_000, () => mailsTo('d1@example.org')[1]);
  expect(subjectOf(back)).toContain('Back to normal: 20 alert(s) cleared');
  await until('the district back-to-normal webhook', 30_000, () => hooks.find((h) => h.body.closed.length === 20));

  // Exactly these messages went out, each once: 4 mails, 4 webhooks with distinct delivery ids.
  const outbox = await t.hub.context.db.all<{ channel: string; state: string }>('SELECT channel, state FROM alert_messages');
  expect(outbox.filter((m) => m.state === 'sent')).toHaveLength(outbox.length);
  expect(smtp!.mails()).toHaveLength(outbox.filter((m) => m.channel === 'mail').length);
  expect(smtp!.mails()).toHaveLength(4);
  expect(hooks).toHaveLength(4);
  expect(new Set(hooks.map((h) => h.delivery)).size).toBe(4);
  const list = await opJson<{ open: unknown[]; past: { deviceName: string; closedAt: string }[] }>(t.url, t.admin, 'GET', '/api/alerts');
  expect(list.open).toEqual([]);
  expect(list.past).toHaveLength(21);
});
