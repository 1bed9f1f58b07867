/**
 * The editorial board in the studio: three approvers, each in their own
 * browser (Debian's Chromium), make their own Ed25519 key with WebCrypto
 * (non-extractable, kept in IndexedDB); the root is rotated to name them as a
 * board of 2; the first signature publishes nothing, the second publishes an
 * envelope a screen accepts under the new root.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { rotateToBoard, signIn } from './board-steps.ts';
import { encodeBase64 } from '../../../playlists/base64.ts';
import type { Submission } from '../../../playlists/schemas/board.ts';
import { Playlist } from '../../../playlists/schemas/playlist.ts';
import { RootMetadata } from '../../../playlists/schemas/root.ts';
import { verifyPlaylist } from '../../../playlists/trust.ts';
import { addUser, FakeDevice, login, opJson, simpleDraft, startTestHub, type TestHub } from '../hub/helpers.ts';
import { expectAccessible, STUDIO, viContext } from './studio.ts';

test.describe.configure({ mode: 'serial' });

let t: TestHub;
const pages: Page[] = [];
const NAMES = ['an', 'binh', 'chi'];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  if (!existsSync(join(STUDIO, 'index.html'))) throw new Error('run npm run build:studio first');
  t = await startTestHub('sqlite');
  await addUser(t, 'dung', 'editor');
  for (const name of NAMES) {
    await addUser(t, name, 'approver');
    const page = await (await viContext(browser)).newPage();
    await signIn(page, t.url, name);
    pages.push(page);
  }
});

test.afterAll(async () => {
  for (const p of pages) await p.context().close();
  await t?.close();
});

test('three approvers make keys in their browsers; after the root names them, one signature publishes nothing and the second publishes', async () => {
  // Three browsers, a root rotation and two publishes on a shared 2-core machine.
  test.setTimeout(180_000);
  const dung = await login(t.url, 'dung', 'correct horse battery');
  await opJson(t.url, dung, 'PUT', '/api/channels/ca-mau/draft', { draft: simpleDraft('Cảnh báo triều cường'), submit: true });
  const device = await FakeDevice.pair(t, { channel: 'ca-mau' });

  for (const page of pages) {
    await page.goto(`${t.url}/board/ca-mau`);
    await expect(page.getByRole('heading', { name: 'Hội đồng duyệt: ca-mau' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('Phiên bản 1, được cố định khi dung gửi')).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Tạo khoá ký của tôi trong trình duyệt này' }).click();
    await expect(page.getByText('Đã tạo khoá trong trình duyệt này')).toBeVisible({ timeout: 15_000 });
  }
  // The private half cannot leave the browser: exporting it is refused; after a reload the same key is there.
  const exported = await pages[0]!.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('pano-board');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const keys = await new Promise<CryptoKeyPair>((resolve) => {
      const r = db.transaction('keys').objectStore('keys').get('approver');
      r.onsuccess = () => resolve(r.result as CryptoKeyPair);
    });
    return [keys.privateKey.extractable, await crypto.subtle.exportKey('pkcs8', keys.privateKey).then(() => 'exported', () => 'refused')];
  });
  expect(exported).toEqual([false, 'refused']);

  const registered = await opJson<{ keys: { keyid: string; public: string; username: string }[] }>(t.url, t.admin, 'GET', '/api/approver-keys');
  expect(registered.keys.map((k) => k.username)).toEqual(NAMES);

  // The root key holders rotate the root to name the board (2 of 3); here the hub's demo root key signs it.
  const { root: next } = await rotateToBoard(t, 2);

  await pages[0]!.reload();
  await expect(pages[0]!.getByText('Có 0 trên 2 chữ ký')).toBeVisible({ timeout: 15_000 });
  await expectAccessible(pages[0]!, 'the board review page');
  await pages[0]!.getByRole('button', { name: 'Ký phiên bản 1' }).click();
  await expect(pages[0]!.getByText('Đã ký. Đang chờ các thành viên duyệt khác.')).toBeVisible({ timeout: 15_000 });
  const one = await opJson<Submission>(t.url, t.admin, 'GET', '/api/channels/ca-mau/submission');
  expect([one.signatures.length, one.publishedVersion]).toEqual([1, null]);
  expect((await device.get(`/feed/${device.id}.json`)).status).not.toBe(200);

  await pages[1]!.reload();
  await pages[1]!.getByRole('button', { name: 'Ký phiên bản 1' }).click();
  await expect(pages[1]!.getByText('Đã đủ chữ ký của hội đồng: phiên bản 1 đã được xuất bản.').first()).toBeVisible({ timeout: 15_000 });

  const res = await device.get(`/feed/${device.id}.json`);
  expect(res.status).toBe(200);
  const verified = verifyPlaylist(await res.text(), { root: RootMetadata.parse(next), now: new Date(), payloadSchema: Playlist });
  expect(new Set(verified.keyids)).toEqual(new Set(registered.keys.slice(0, 2).map((k) => k.keyid)));
  expect(encodeBase64(verified.payload)).toBe(one.payload);
});
