/**
 * The board's workflow in the studio (Debian's Chromium, vi-VN): two
 * approvers in their own browsers with their own WebCrypto keys (a board of
 * 2), and the editor on a 390 px phone. An approver sends version 1 back with
 * a remark; the editor sees it on the draft and resubmits; two signatures
 * publish; version 2 changes the Vietnamese and English text and is
 * published; the history lists both versions with their signers and keys;
 * the diff says what changed in each language; rollback to version 1
 * prepares version 3 with version 1's content for the board to sign.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { decodeBase64 } from '../../../playlists/base64.ts';
import type { VersionDiff } from '../../../playlists/schemas/board-workflow.ts';
import type { Submission } from '../../../playlists/schemas/board.ts';
import { Playlist } from '../../../playlists/schemas/playlist.ts';
import { addUser, login, opJson, simpleDraft, startTestHub, type Session, type TestHub } from '../hub/helpers.ts';
import { rotateToBoard, signIn } from './board-steps.ts';
import { expectAccessible, STUDIO, viContext } from './studio.ts';

test.describe.configure({ mode: 'serial' });

let t: TestHub;
let an: Page;
let binh: Page;
let editor: Page;
let dung: Session;

/** A draft whose slide has a Vietnamese and an English title. */
const draft = (vi: string, en: string) => ({ ...simpleDraft('Cà Mau'), items: { hello: { kind: 'slide', template: 'headline', duration: 10, fields: { title: { vi, en } } } } });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  if (!existsSync(join(STUDIO, 'index.html'))) throw new Error('run npm run build:studio first');
  t = await startTestHub('sqlite');
  await addUser(t, 'dung', 'editor');
  dung = await login(t.url, 'dung', 'correct horse battery');
  for (const name of ['an', 'binh']) await addUser(t, name, 'approver');
  an = await (await viContext(browser)).newPage();
  binh = await (await viContext(browser)).newPage();
  editor = await (await viContext(browser, 390, 844)).newPage();
  await signIn(an, t.url, 'an');
  await signIn(binh, t.url, 'binh');
  await signIn(editor, t.url, 'dung');
});

test.afterAll(async () => {
  for (const p of [an, binh, editor]) await p?.context().close();
  await t?.close();
});

async function signInBrowser(page: Page, version: number): Promise<void> {
  await page.goto(`${t.url}/board/ca-mau`);
  await page.getByRole('button', { name: `Ký phiên bản ${version}` }).click();
  await expect(page.getByText(/Đã ký\. Đang chờ|Đã đủ chữ ký của hội đồng/).first()).toBeVisible({ timeout: 15_000 });
}

test('sent back with a remark, resubmitted and published; history with signers, diff per language, rollback as a new version', async () => {
  test.setTimeout(240_000);
  // Each approver makes a key in their own browser; the root names them as a board of 2.
  await opJson(t.url, dung, 'PUT', '/api/channels/ca-mau/draft', { draft: draft('Bão số 9', 'Storm no. 9'), submit: true });
  for (const page of [an, binh]) {
    await page.goto(`${t.url}/board/ca-mau`);
    await page.getByRole('button', { name: 'Tạo khoá ký của tôi trong trình duyệt này' }).click();
    await expect(page.getByText('Đã tạo khoá trong trình duyệt này')).toBeVisible({ timeout: 15_000 });
  }
  const { keys } = await rotateToBoard(t, 2);

  // 1. an asks for changes: a remark is required; then it goes back to the editor.
  await an.reload();
  await expect(an.getByText('Chưa có phiên bản nào được xuất bản: đây là phiên bản đầu tiên.')).toBeVisible({ timeout: 15_000 });
  await an.getByRole('button', { name: 'Yêu cầu sửa' }).click();
  await expect(an.getByText('Hãy viết nhận xét để người soạn biết cần sửa gì.')).toBeVisible();
  await an.getByLabel('Nhận xét cho người soạn (bắt buộc)').fill('Tiếng Anh: dùng "Typhoon" thay cho "Storm".');
  await an.getByRole('button', { name: 'Yêu cầu sửa' }).click();
  await expect(an.getByText('Đã trả lại phiên bản 1 cho người soạn kèm nhận xét.')).toBeVisible({ timeout: 15_000 });

  // 2. The editor, on a phone, sees the remark on the draft and a notice in the header; resubmits.
  await editor.goto(`${t.url}/channels/ca-mau`);
  await expect(editor.getByText(/^an đã trả lại phiên bản 1 lúc \d\d\/\d\d\/\d{4} \d\d:\d\d và yêu cầu sửa:$/)).toBeVisible({ timeout: 15_000 });
  await expect(editor.locator('blockquote.remark')).toHaveText('Tiếng Anh: dùng "Typhoon" thay cho "Storm".');
  await expect(editor.getByRole('link', { name: /^Thông báo \(\d+ chưa đọc\)$/ })).toBeVisible();
  await expectAccessible(editor, 'the editor with a remark');
  await opJson(t.url, dung, 'PUT', '/api/channels/ca-mau/draft', { draft: draft('Bão số 9', 'Typhoon no. 9') });
  await editor.reload();
  await editor.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
  await expect(editor.getByText('Đã lưu và gửi duyệt.')).toBeVisible({ timeout: 15_000 });
  await expect(editor.locator('blockquote.remark')).toHaveCount(0);

  // 3. Two signatures publish version 1.
  await signInBrowser(an, 1);
  await signInBrowser(binh, 1);
  await expect(binh.getByText('Đã đủ chữ ký của hội đồng: phiên bản 1 đã được xuất bản.').first()).toBeVisible();

  // 4. Version 2 changes both languages; the approver reviews the diff against the published version, per language.
  await opJson(t.url, dung, 'PUT', '/api/channels/ca-mau/draft', { draft: draft('Triều cường', 'High tide'), submit: true });
  await an.goto(`${t.url}/board/ca-mau`);
  const review = an.locator('.diff-list');
  await expect(review.getByText('«Triều cường», tiêu đề (Tiếng Việt): “Bão số 9” → “Triều cường”.')).toBeVisible({ timeout: 15_000 });
  await expect(review.getByText('«Triều cường», tiêu đề (Tiếng Anh): “Typhoon no. 9” → “High tide”.')).toBeVisible();
  await expectAccessible(an, 'the board review page with its diff');
  await signInBrowser(an, 2);
  await signInBrowser(binh, 2);

  // 5. History: both versions, each with its two signers, time and key.
  await an.goto(`${t.url}/channels/ca-mau/history`);
  for (const version of [1, 2]) {
    const row = an.locator(`tr[data-version="${version}"]`);
    for (const k of keys) await expect(row.getByText(new RegExp(`^${k.username} \\(hội đồng\\) lúc \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d, khoá ${k.keyid.slice(0, 16)}$`))).toBeVisible({ timeout: 15_000 });
  }
  await an.getByLabel('Từ').selectOption('1');
  await an.getByLabel('Đến').selectOption('2');
  await an.getByRole('button', { name: 'So sánh' }).click();
  await expect(an.getByRole('heading', { name: 'Thay đổi từ phiên bản 1 đến phiên bản 2' })).toBeVisible({ timeout: 15_000 });
  await expect(an.locator('.diff-list li')).toHaveText([
    '«Triều cường», tiêu đề (Tiếng Việt): “Bão số 9” → “Triều cường”.',
    '«Triều cường», tiêu đề (Tiếng Anh): “Typhoon no. 9” → “High tide”.',
  ]);
  await expectAccessible(an, 'the history page');

  // 6. The editor rolls back to version 1: version 3 awaits the board with version 1's content, new expiry.
  await editor.goto(`${t.url}/channels/ca-mau/history`);
  await editor.getByRole('button', { name: 'Khôi phục về phiên bản 1' }).click();
  await expect(editor.getByText('Đã chuẩn bị phiên bản 3 với nội dung của phiên bản 1; hội đồng ký như mọi phiên bản khác.')).toBeVisible({ timeout: 15_000 });
  const sub = await opJson<Submission>(t.url, t.admin, 'GET', '/api/channels/ca-mau/submission');
  const payload = Playlist.parse(JSON.parse(new TextDecoder().decode(decodeBase64(sub.payload))));
  expect([sub.version, sub.rollbackOf, payload.version, (payload.items.hello as { fields: { title: unknown } }).fields.title]).toEqual([3, 1, 3, { vi: 'Bão số 9', en: 'Typhoon no. 9' }]);
  expect(Date.parse(payload.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  expect((await opJson<VersionDiff>(t.url, t.admin, 'GET', '/api/channels/ca-mau/diff?from=1&to=submission')).changes).toEqual([]);
  await binh.goto(`${t.url}/board/ca-mau`);
  await expect(binh.getByText('Phiên bản này khôi phục nội dung của phiên bản 1.')).toBeVisible({ timeout: 15_000 });

  // 7. The editor's notices: sent back with the remark, signed, published.
  await editor.goto(`${t.url}/notices`);
  await expect(editor.getByText('an đã trả lại phiên bản 1 của «Cà Mau» và yêu cầu sửa:')).toBeVisible({ timeout: 15_000 });
  await expect(editor.getByText('Phiên bản 2 của «Cà Mau» đã đủ chữ ký và được xuất bản.')).toBeVisible();
  await expectAccessible(editor, 'the notices page');
  await editor.getByRole('button', { name: 'Đánh dấu đã đọc hết' }).click();
  await expect(editor.getByRole('link', { name: 'Thông báo', exact: true })).toBeVisible({ timeout: 15_000 });
});
