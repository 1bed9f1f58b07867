/**
 * Changing the board from the studio, end to end: the admin prepares the
 * unsigned next root from registered approver keys (a wrong threshold is
 * refused in Vietnamese), `pano root sign` signs the downloaded file with the
 * root key, the admin uploads it, the hub serves root 2, and a real core walks
 * to it when the board's first playlist arrives. Then the board page previews
 * the frozen payload in the real engine (not the draft that moved on), and the
 * signing record PDF reads back with the signers' names.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { runPano } from '../../../cli/pano.fixtures.ts';
import { createPlayerCore, type PlayerCore } from '../../../core/index.ts';
import { headlessPorts } from '../../../core/ports.ts';
import { decodeBase64, encodeBase64 } from '../../../playlists/base64.ts';
import { pae } from '../../../playlists/dsse.ts';
import { generateKeyPair, signBytes, type KeyPair } from '../../../playlists/keys.ts';
import type { Submission } from '../../../playlists/schemas/board.ts';
import { addUser, FakeDevice, op, opJson, publishChannel, simpleDraft, startTestHub, type Session, type TestHub } from '../hub/helpers.ts';
import { expectAccessible, needBuilds, signIn, viContext, within } from './studio.ts';

test.describe.configure({ mode: 'serial' });

let t: TestHub;
let page: Page;
let dir: string;
let core: PlayerCore;
let coreDir: string;
const people: { name: string; session: Session; key: KeyPair }[] = [];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  needBuilds();
  t = await startTestHub('sqlite');
  dir = mkdtempSync(join(tmpdir(), 'pano-board-root-'));
  // Two approvers who sign offline (`pano keygen`'s path): their public keys are registered, the private halves stay here.
  for (const name of ['an', 'binh']) {
    const session = await addUser(t, name, 'approver');
    const key = generateKeyPair();
    await opJson(t.url, session, 'POST', '/api/approver-keys', { public: encodeBase64(key.publicKey) });
    people.push({ name, session, key });
  }
  page = await (await viContext(browser)).newPage();
  // Room for a loaded shared machine (the default 5 s ran out at load 22).
  await signIn(page, t.url, 'admin', t.adminPassword, 30_000);
});

test.afterAll(async () => {
  await core?.stop();
  if (coreDir) rmSync(coreDir, { recursive: true, force: true });
  await page?.context().close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('prepare → pano root sign → upload: the hub serves root 2 and a real core walks to it with the board’s first playlist', async () => {
  test.setTimeout(180_000);
  // A screen playing channel ca-mau v1, signed by the hub's key under root 1 (no board yet).
  await publishChannel(t, 'ca-mau', simpleDraft('Lịch triều tuần này'));
  const d = await FakeDevice.pair(t, { channel: 'ca-mau' });
  coreDir = mkdtempSync(join(tmpdir(), 'pano-root-core-'));
  const urls = d.urls as typeof d.urls & { freshnessUrl: string };
  core = createPlayerCore(
    { dataDir: coreDir, deviceId: d.id, deviceToken: d.token, rootJson: d.urls.root, playlistUrl: d.urls.playlistUrl, freshnessUrl: urls.freshnessUrl, apiPort: 0, pollIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000 },
    headlessPorts,
  );
  const first = new Promise((resolve) => core.on('adopted', resolve));
  await core.start();
  expect(await within(first, 30_000, 'adopting v1')).toMatchObject({ channel: 'ca-mau', version: 1 });
  expect((await core.status()).trustedRootVersion).toBe(1);

  await page.goto(`${t.url}/root`);
  await expect(page.getByRole('heading', { name: 'Gốc tin cậy và hội đồng duyệt' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Gốc hiện tại: phiên bản 1')).toBeVisible();
  await expect(page.getByTestId('keys-not-in-root')).toContainText('an: khoá');
  await expect(page.getByTestId('keys-not-in-root')).toContainText('binh: khoá');
  await expectAccessible(page, 'the root page');
  for (const p of people) await page.getByLabel(new RegExp(`^${p.name} · khoá ${p.key.keyid.slice(0, 16)}`)).check();

  // The role rule, worded in Vietnamese at the field: three signatures from two keys.
  await page.getByLabel('Số chữ ký cần thiết').fill('3');
  await page.getByRole('button', { name: 'Chuẩn bị và tải gốc phiên bản 2' }).click();
  await expect(page.getByText('Ngưỡng lớn hơn số khoá đã chọn (2).')).toBeVisible();

  await page.getByLabel('Số chữ ký cần thiết').fill('2');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Chuẩn bị và tải gốc phiên bản 2' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('root-2.unsigned.json');
  await download.saveAs(join(dir, 'root-2.unsigned.json'));
  await expect(page.getByText('Đã tải root-2.unsigned.json')).toBeVisible();

  // The root key holder signs offline with the real CLI; --from checks it as a screen will.
  writeFileSync(join(dir, 'root-1.json'), await (await op(t.url, t.admin, 'GET', '/feed/root/1.json')).text());
  writeFileSync(join(dir, 'root.key'), readFileSync(join(t.dataDir, 'keys', 'DEMO-root.key')));
  const signed = runPano(dir, 'root', 'sign', 'root-2.unsigned.json', '--root-key', 'root.key', '--from', 'root-1.json', '--out', 'root-2.json');
  expect(signed.stderr).toBe('');
  expect(signed.stdout).toContain('complete: a screen trusting the current root accepts root v2');

  await page.getByLabel('Tệp gốc đã ký (.json)').setInputFiles(join(dir, 'root-2.json'));
  await expect(page.getByText('Máy chủ đang phục vụ gốc phiên bản 2.')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Mọi khoá đã đăng ký đều nằm trong gốc hiện tại.')).toBeVisible();
  await expect(page.getByText('Gốc hiện tại: phiên bản 2')).toBeVisible();
  const served = await (await d.get('/feed/root/2.json')).text();
  // The same signed bytes (payload and signatures); the envelope's own JSON may be re-spaced on the way.
  expect(JSON.parse(served)).toEqual(JSON.parse(readFileSync(join(dir, 'root-2.json'), 'utf8')));

  // The board's first playlist: the hub's key alone no longer publishes it; the two approvers do.
  await opJson(t.url, t.admin, 'PUT', '/api/channels/ca-mau/draft', { draft: simpleDraft('Cảnh báo triều cường'), submit: true });
  const sub = await opJson<Submission>(t.url, t.admin, 'GET', '/api/channels/ca-mau/submission');
  expect(sub.threshold).toBe(2);
  const adopted = new Promise((resolve) => core.on('adopted', resolve));
  for (const p of people) {
    const payload = decodeBase64(sub.payload);
    const body = { payloadSha256: createHash('sha256').update(payload).digest('hex'), keyid: p.key.keyid, sig: encodeBase64(signBytes(p.key, pae(sub.payloadType, payload))) };
    await opJson(t.url, p.session, 'POST', '/api/channels/ca-mau/submission/signatures', body);
  }
  core.syncNow();
  expect(await within(adopted, 30_000, 'adopting v2 under root 2')).toMatchObject({ channel: 'ca-mau', version: 2 });
  expect((await core.status()).trustedRootVersion).toBe(2);
});

test('the board page previews the frozen payload in the real engine, not the draft', async () => {
  test.setTimeout(120_000);
  await opJson(t.url, t.admin, 'PUT', '/api/channels/ca-mau/draft', { draft: simpleDraft('Tin nhanh đã cố định'), submit: true });
  // The draft row says something else (saving through the API would also withdraw the submission): the preview must not show it.
  await t.hub.context.db.run('UPDATE channels SET draft = $1 WHERE id = $2', [JSON.stringify(simpleDraft('Bản nháp đang sửa')), 'ca-mau']);
  const composed: string[] = [];
  page.on('request', (r) => r.url().includes('/playlist-preview') && composed.push(r.url()));
  await page.goto(`${t.url}/board/ca-mau`);
  await expect(page.getByText('Phiên bản 3, được cố định khi admin gửi')).toBeVisible({ timeout: 15_000 });
  await page.getByText('Xem trước đúng phiên bản đã cố định').click();
  const screen = page.frameLocator('.preview-screen iframe');
  await expect(screen.getByText('Tin nhanh đã cố định', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await expect(screen.getByText('Bản nháp đang sửa')).toHaveCount(0);
  expect(composed).toEqual([]);
});

test('the signing record of v2: a Vietnamese PDF from the board page names the signers, their keys and the payload hash; English on request; pano verify --explain agrees', async () => {
  test.setTimeout(120_000);
  const record = await opJson<{ payloadSha256: string; signatures: { by: string; keyid: string; counts: boolean }[] }>(t.url, t.admin, 'GET', '/api/channels/ca-mau/versions/2/record');
  expect(record.signatures.map((s) => [s.by, s.keyid, s.counts])).toEqual(people.map((p) => [p.name, p.key.keyid, true]));

  // v2 is published; the board page of channel ca-mau shows the current submission (v3): open the record of v2 through its route.
  await page.goto(`${t.url}/board/ca-mau`);
  // Reading order (not -layout): a key id wrapped inside its table cell stays in one piece once spaces are dropped.
  const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  const res = await op(t.url, t.admin, 'GET', '/api/channels/ca-mau/versions/2/record.pdf');
  expect(res.headers.get('content-type')).toBe('application/pdf');
  writeFileSync(join(dir, 'v2.pdf'), Buffer.from(await res.arrayBuffer()));
  const vi = pdfText(join(dir, 'v2.pdf'));
  expect(vi).toContain('Biên bản ký duyệt nội dung');
  expect(vi).toContain('Mã băm SHA-256 của nội dung');
  expect(vi.replace(/\s+/g, '')).toContain(record.payloadSha256);
  for (const p of people) {
    expect(vi).toMatch(new RegExp(`\\b${p.name}\\b`));
    expect(vi.replace(/\s+/g, '')).toContain(p.key.keyid);
  }
  expect(vi).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  expect(vi).toContain('Có 2 chữ ký được tính trên 2 chữ ký cần thiết: đạt.');
  const en = await op(t.url, t.admin, 'GET', '/api/channels/ca-mau/versions/2/record.pdf?lang=en');
  writeFileSync(join(dir, 'v2-en.pdf'), Buffer.from(await en.arrayBuffer()));
  expect(pdfText(join(dir, 'v2-en.pdf'))).toContain('Content signing record');

  // The envelope as published, checked offline against the root chain.
  writeFileSync(join(dir, 'ca-mau-v2.json'), await (await op(t.url, t.admin, 'GET', '/api/channels/ca-mau/versions/2/envelope.json')).text());
  const explained = runPano(dir, 'verify', 'ca-mau-v2.json', '--root', 'root-1.json', '--root', 'root-2.json', '--explain', '--lang', 'vi');
  expect([explained.code, explained.stderr]).toEqual([0, '']);
  expect(explained.stdout).toContain('ngưỡng: có 2 trên 2 chữ ký cần thiết: đạt');
});

test('the record button on the board page downloads the PDF once a version is published', async () => {
  test.setTimeout(120_000);
  // Publish v3 (the frozen one) with both approvers: the board page then offers its record.
  const sub = await opJson<Submission>(t.url, t.admin, 'GET', '/api/channels/ca-mau/submission');
  for (const p of people) {
    const payload = decodeBase64(sub.payload);
    const body = { payloadSha256: createHash('sha256').update(payload).digest('hex'), keyid: p.key.keyid, sig: encodeBase64(signBytes(p.key, pae(sub.payloadType, payload))) };
    await opJson(t.url, p.session, 'POST', '/api/channels/ca-mau/submission/signatures', body);
  }
  await page.goto(`${t.url}/board/ca-mau`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Biên bản ký (PDF)' }).click();
  const download = await downloading;
  expect(new URL(download.url()).pathname).toBe('/api/channels/ca-mau/versions/3/record.pdf');
  await download.saveAs(join(dir, 'v3.pdf'));
  expect(readFileSync(join(dir, 'v3.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'v3.pdf'), '-'], { encoding: 'utf8' });
  expect(text).toContain('Biên bản ký duyệt nội dung');
  expect(text).toContain('Tin nhanh đã cố định');
  await expectAccessible(page, 'the board page with a published version');
});

test('on a 390 px phone the board page and the root page fit the width: the fingerprint and the signing command wrap', async ({ browser }) => {
  const phone = await (await viContext(browser, 390, 844)).newPage();
  await signIn(phone, t.url, 'admin', t.adminPassword, 30_000);
  for (const path of ['/board/ca-mau', '/root']) {
    await phone.goto(`${t.url}${path}`);
    await expect(phone.getByRole('heading', { level: 1 })).toBeVisible();
    // Wider than the viewport means a page that scrolls sideways on a phone (a sha256 in <code> did, 626 px; the `pano root sign` line did, 876 px).
    expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
  await phone.context().close();
});
