/**
 * The duty officer signs a CAP alert's emergency draft from a phone. A real
 * hub on SQLite; a real HTTP server on loopback serves the CAP 1.2 file (the
 * Cà Mau typhoon warning in Vietnamese and English); the duty officer makes
 * their key in Debian's Chromium at a phone's size; the root is rotated to a
 * board of three (which never signs here) and an emergency role naming that
 * key (6 h at most). The hub reads the feed, the officer taps once, and a real
 * paired core adopts the takeover; Node's crypto.verify checks what it took.
 */
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { PlayerCore } from '../../../core/index.ts';
import { serializeEnvelope, signEnvelope } from '../../../playlists/dsse.ts';
import { generateKeyPair, parsePrivateKeyFile } from '../../../playlists/keys.ts';
import { encodeBase64 } from '../../../playlists/base64.ts';
import { PAYLOAD_TYPES } from '../../../playlists/schemas/envelope.ts';
import { RootMetadata } from '../../../playlists/schemas/root.ts';
import { verifyRootSelf } from '../../../playlists/trust.ts';
import { addUser, op, opJson, publishChannel, startTestHub, type TestHub } from '../hub/helpers.ts';
import { expectAccessible, STUDIO, startCore, viContext, within } from './studio.ts';

test.describe.configure({ mode: 'serial' });

const FIXTURE = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'cap', 'ca-mau-typhoon.xml'), 'utf8');
const DEVICE = 'pano-camau-airport';

let t: TestHub;
let feed: Server;
let page: Page;
let core: PlayerCore;
let coreDir: string;

/** studio.ts's signIn with room for a loaded shared machine (its 5 s ran out at load 31). */
async function signIn(p: Page, url: string, username: string, password = 'correct horse battery'): Promise<void> {
  await p.goto(`${url}/`);
  await p.getByLabel('Tên đăng nhập').fill(username);
  await p.getByLabel('Mật khẩu').fill(password);
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(p.getByRole('button', { name: 'Đăng xuất' })).toBeVisible({ timeout: 30_000 });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  if (!existsSync(join(STUDIO, 'index.html'))) throw new Error('run npm run build:studio first');
  t = await startTestHub('sqlite', { alertLoop: false });
  await addUser(t, 'truc', 'approver');
  // The warning expires three hours from now (the file's own date is past by the time this runs).
  const expires = new Date(Date.now() + 3 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const served = FIXTURE.replaceAll(/<expires>[^<]+<\/expires>/g, `<expires>${expires}</expires>`);
  feed = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/cap+xml; charset=utf-8' }).end(served));
  await new Promise<void>((done) => feed.listen(0, '127.0.0.1', done));
  page = await (await viContext(browser, 390, 844)).newPage();
  await signIn(page, t.url, 'truc');
});

test.afterAll(async () => {
  await core?.stop();
  if (coreDir) rmSync(coreDir, { recursive: true, force: true });
  await page?.context().close();
  feed?.close();
  await t?.close();
});

test('a CAP alert becomes a bilingual draft; the duty officer signs it in one tap on a phone; a real core adopts it', async () => {
  test.setTimeout(180_000);
  // A paired real core playing a normal channel first.
  await publishChannel(t, 'ca-mau');
  ({ core, dataDir: coreDir } = startCore(t.url, DEVICE));
  const code = new Promise<string>((resolve) => core.on('state', (s) => s.pairing && resolve(s.pairing.code)));
  await core.start();
  await opJson(t.url, t.admin, 'POST', '/api/pairings/confirm', { code: await within(code, 15_000, 'a pairing code'), name: 'Sân bay Cà Mau', channel: 'ca-mau' });
  await within(new Promise<void>((resolve) => core.on('state', (s) => s.playlist?.channel === 'ca-mau' && resolve())), 30_000, 'the core adopting ca-mau');

  // The duty officer's key, made in the phone's browser.
  await page.goto(`${t.url}/emergency`);
  await page.getByRole('button', { name: 'Tạo khoá ký của tôi trong trình duyệt này' }).click({ timeout: 30_000 });
  await expect(page.getByText('Đã tạo khoá trong trình duyệt này')).toBeVisible({ timeout: 30_000 });
  const { keys } = await opJson<{ keys: { keyid: string; public: string; username: string }[] }>(t.url, t.admin, 'GET', '/api/approver-keys');
  const duty = keys.find((k) => k.username === 'truc')!;

  // Root v2: a board of three approvers (2 of 3) and the emergency role (the duty officer, 6 h at most).
  const v1 = verifyRootSelf(await (await op(t.url, t.admin, 'GET', '/feed/root/1.json')).text()).value;
  const next: RootMetadata = structuredClone(v1);
  next.version = 2;
  const board = [generateKeyPair(), generateKeyPair(), generateKeyPair()];
  for (const k of board) next.keys[k.keyid] = { keytype: 'ed25519', public: encodeBase64(k.publicKey) };
  next.keys[duty.keyid] = { keytype: 'ed25519', public: duty.public };
  next.roles.board = { keyids: board.map((k) => k.keyid), threshold: 2 };
  next.roles.emergency = { keyids: [duty.keyid], threshold: 1, maxDurationMinutes: 360 };
  const rootKey = parsePrivateKeyFile(readFileSync(join(t.dataDir, 'keys', 'DEMO-root.key'), 'utf8'));
  const rotated = serializeEnvelope(signEnvelope(PAYLOAD_TYPES.root, new TextEncoder().encode(JSON.stringify(RootMetadata.parse(next))), [rootKey]));
  expect((await op(t.url, t.admin, 'POST', '/api/roots', JSON.parse(rotated))).status).toBe(201);

  // The admin sets the CAP feed in the studio and has it read now; read again, the same alert makes no second draft.
  const url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/cap/ca-mau.xml`;
  const admin = await (await viContext(page.context().browser()!)).newPage();
  await signIn(admin, t.url, 'admin', t.adminPassword);
  await admin.goto(`${t.url}/emergency`);
  const form = admin.getByRole('form', { name: 'Nguồn cảnh báo CAP' });
  await form.getByLabel('Địa chỉ nguồn CAP (để trống: không đọc)').fill(url);
  await form.getByLabel('Mức nghiêm trọng thấp nhất').selectOption({ label: 'nghiêm trọng' });
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('Đã lưu.')).toBeVisible({ timeout: 15_000 });
  await form.getByRole('button', { name: 'Đọc ngay' }).click();
  await expect(form.getByText('Đã đọc: 1 cảnh báo mới, 1 bản nháp, 0 bản nháp được huỷ hoặc thay.')).toBeVisible({ timeout: 15_000 });
  await expectAccessible(admin, 'the emergency page with the CAP form');
  await admin.context().close();
  expect(await opJson(t.url, t.admin, 'GET', '/api/emergency/cap')).toEqual({ url, area: 'Cà Mau', intervalSeconds: 60, minSeverity: 'Severe' });
  expect(await opJson(t.url, t.admin, 'POST', '/api/emergency/cap/poll')).toEqual({ alerts: 0, drafts: 0, cancelled: 0, error: null });

  // On the phone: the notice, then the draft in both languages, capped at the alert's three hours.
  await page.goto(`${t.url}/`);
  await expect(page.getByText('Có 1 bản nháp khẩn cấp chờ cán bộ trực ký.')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Mở trang khẩn cấp' }).click();
  const draft = page.getByRole('article', { name: 'Bão số 9 gây gió mạnh và nước dâng ven biển Cà Mau' });
  await expect(draft).toBeVisible({ timeout: 15_000 });
  await expect(draft.getByText('Typhoon No. 9: strong winds and storm surge on the Ca Mau coast')).toBeVisible({ timeout: 15_000 });
  await expect(draft.getByText(/Từ cảnh báo CAP: Bão số 9, mức nghiêm trọng, Vùng biển và ven biển tỉnh Cà Mau/)).toBeVisible();
  await expect(draft.getByText(/Hiển thị 1(79|80) phút \(tối đa theo gốc tin cậy: 360 phút\)/)).toBeVisible();
  await expectAccessible(page, 'the emergency page on a phone');
  const button = draft.getByRole('button', { name: 'Ký và phát lên màn hình' });
  const box = (await button.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(390);
  expect(box.height).toBeGreaterThanOrEqual(44); // a thumb's target

  const adopted = new Promise<number>((resolve) => core.on('state', (s) => s.playlist?.channel === 'emergency' && resolve(performance.now())));
  const tapped = performance.now();
  await button.click();
  await expect(page.getByText('Thông báo khẩn cấp đã lên màn hình (phiên bản 1).')).toBeVisible({ timeout: 30_000 });
  const at = await within(adopted, 30_000, 'the core adopting the takeover');
  console.log(`duty officer's tap → real core adopted the takeover: ${(at - tapped).toFixed(0)} ms`);
  expect(at - tapped).toBeLessThan(10_000);

  // What the core took: verified here by Node's own Ed25519 over DSSE's PAE, with the officer's public key.
  const envelope = JSON.parse(readFileSync(join(coreDir, 'trust', 'current.dsse'), 'utf8')) as { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] };
  const body = Buffer.from(envelope.payload, 'base64');
  const type = Buffer.from(envelope.payloadType);
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(duty.public, 'base64')]);
  expect(envelope.signatures.map((s) => s.keyid)).toEqual([duty.keyid]);
  expect(verify(null, pae, createPublicKey({ key: spki, format: 'der', type: 'spki' }), Buffer.from(envelope.signatures[0]!.sig, 'base64'))).toBe(true);
  const payload = JSON.parse(body.toString('utf8')) as { channel: string; issuedAt: string; expiresAt: string; items: { notice: { fields: { vi: { title: string }; en: { title: string } } } } };
  expect(payload.channel).toBe('emergency');
  expect(payload.items.notice.fields.en.title).toBe('Typhoon No. 9: strong winds and storm surge on the Ca Mau coast');
  expect(Date.parse(payload.expiresAt) - Date.parse(payload.issuedAt)).toBeLessThanOrEqual(180 * 60_000);

  // The hub's key alone still cannot put content on screens: ROLE_NOT_ALLOWED.
  expect((await op(t.url, t.admin, 'POST', '/api/channels/ca-mau/publish')).status).toBe(409);
});
