/**
 * The studio as its operators use it, in Debian's Chromium with a vi-VN
 * browser, against a real hub (serving studio/dist and, for the preview,
 * renderer/dist) and a real player core paired through the studio. No JSON is
 * typed: every step is a form. Outcomes are checked on the core (the playlist
 * it adopted) and on the glass (the preview frame's pixels).
 */
import { expect, test, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlayerCore } from '../../../core/index.ts';
import { op, opJson, startTestHub, type TestHub } from '../hub/helpers.ts';
import { colourShare, expectAccessible, makeClip, makePicture, needBuilds, nextMonday, signIn, startCore, viContext, within } from './studio.ts';

// Each step is a whole task with several axe passes: at load average 45 on the shared 2 cores one took over 60 s.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const DEVICE = 'cm-airport-arrivals';
const CHANNEL_TITLE = 'Sảnh sân bay Cà Mau';
const MAGENTA: [number, number, number] = [224, 17, 157];
const NEW_PASSWORD = 'mật khẩu đủ dài 2026';

let t: TestHub;
let core: PlayerCore;
let coreDir = '';
let work = '';
let admin: Page;
let editor: Page;
let editorContext: BrowserContext;
const passwords: Record<string, string> = {};

test.beforeAll(async () => {
  needBuilds();
  t = await startTestHub('sqlite');
  work = mkdtempSync(join(tmpdir(), 'pano-studio-'));
});

test.afterAll(async () => {
  await core?.stop();
  await t?.close();
  for (const dir of [coreDir, work]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A user created in the studio gets a one-time password; their first sign-in asks for their own. */
async function firstSignIn(page: Page, username: string): Promise<void> {
  await signIn(page, t.url, username, passwords[username]!);
  await expect(page.getByText('Đây là mật khẩu dùng một lần')).toBeVisible();
  await expectAccessible(page, 'the forced password change');
  await page.getByLabel('Mật khẩu hiện tại').fill(passwords[username]!);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('link', { name: 'Kênh' })).toBeVisible();
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Các phần của kênh' }).getByRole('link', { name }).click();
  await expect(page.getByRole('navigation', { name: 'Các phần của kênh' }).getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
}

test('the login page speaks Vietnamese to a vi-VN browser', async ({ browser }) => {
  admin = await (await viContext(browser)).newPage();
  await admin.goto(`${t.url}/`);
  await expect(admin.getByRole('heading', { name: 'Đăng nhập Pano Studio' })).toBeVisible();
  await expect(admin.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(admin.getByLabel('Tên đăng nhập')).toBeVisible();
  await expectAccessible(admin, 'the login page');
});

test('an admin pairs a real core by its code and adds an editor and an approver', async () => {
  await signIn(admin, t.url, 'admin', t.adminPassword);
  await expect(admin.getByRole('heading', { name: 'Màn hình', level: 1 })).toBeVisible();
  await expectAccessible(admin, 'the fleet page');

  ({ core, dataDir: coreDir } = startCore(t.url, DEVICE));
  const code = new Promise<string>((resolve) => core.on('state', (s) => s.pairing && resolve(s.pairing.code)));
  await core.start();
  const pairingCode = await within(code, 10_000, 'the core showing a pairing code');
  await admin.getByRole('link', { name: 'Ghép nối màn hình' }).click();
  await admin.getByLabel('Mã trên màn hình').fill(pairingCode);
  await admin.getByLabel('Tên màn hình').fill('Sân bay Cà Mau – sảnh đến');
  await admin.getByLabel('Địa điểm / nhóm').fill('Sân bay Cà Mau');
  await admin.getByLabel('Nhãn').fill('airport');
  await expectAccessible(admin, 'the pairing page');
  await admin.getByRole('button', { name: 'Ghép nối', exact: true }).click();
  await expect(admin.getByRole('heading', { name: 'Sân bay Cà Mau – sảnh đến' })).toBeVisible();
  await expect(admin.getByText('Đã ghép nối màn hình.')).toBeVisible();
  await expectAccessible(admin, 'the screen page');

  await admin.getByRole('link', { name: 'Người dùng' }).click();
  for (const [username, role] of [['bientap', 'Biên tập'], ['duyet', 'Duyệt']] as const) {
    await admin.getByLabel('Tên đăng nhập').fill(username);
    await admin.getByLabel('Vai trò', { exact: true }).selectOption({ label: role });
    await admin.getByRole('button', { name: 'Thêm', exact: true }).click();
    const notice = admin.getByRole('status').filter({ hasText: `Đã thêm ${username}` });
    await expect(notice).toBeVisible();
    passwords[username] = /Mật khẩu dùng một lần: (\S+) —/.exec((await notice.textContent()) ?? '')![1]!;
  }
  await expect(admin.locator('tr[data-user="bientap"]')).toContainText('Biên tập');
  await expectAccessible(admin, 'the users page');
});

test('an editor uploads a clip made with ffmpeg and sees its thumbnail', async ({ browser }) => {
  editorContext = await viContext(browser);
  editor = await editorContext.newPage();
  await firstSignIn(editor, 'bientap');
  await editor.getByRole('link', { name: 'Thư viện' }).click();
  // Two files at once, each with its own progress: the clip, and a map picture for the kiosk.
  const clip = await makeClip(work, 'cua-nam-can.mp4', '0xE0119D');
  const map = await makePicture(work, 'ban-do-ca-mau.png', '0x2F6F5A');
  await editor.getByLabel('Chọn tệp').setInputFiles([clip, map]);
  await expect(editor.locator('.job')).toHaveText([/Đã tải lên\./, /Đã tải lên\./], { timeout: 20_000 });
  const card = editor.locator('.media-card').filter({ hasText: 'cua-nam-can' });
  const thumb = card.getByRole('img', { name: 'Hình thu nhỏ của cua-nam-can' });
  await expect(thumb).toBeVisible();
  // The thumbnail's answer waits for ffmpeg (one at a time, niced): both files' runs queue, and the machine may be loaded.
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);
  await card.getByRole('button', { name: 'Sửa' }).click();
  await card.getByLabel('Tiêu đề').fill('Cua Năm Căn');
  await card.getByRole('button', { name: 'Lưu' }).click();
  await expect(editor.locator('.media-card').filter({ hasText: 'Cua Năm Căn' })).toBeVisible();
  await expectAccessible(editor, 'the library');
});

test('the editor adds a vi+en headline slide and puts the clip between two items of a loop', async () => {
  await editor.getByRole('link', { name: 'Kênh' }).click();
  await editor.getByLabel('Tên kênh mới').fill(CHANNEL_TITLE);
  await editor.getByRole('button', { name: 'Tạo kênh' }).click();
  await expect(editor.getByRole('heading', { name: CHANNEL_TITLE, level: 1 })).toBeVisible();

  await openTab(editor, 'Nội dung');
  await editor.getByLabel('Tiêu đề (Tiếng Việt)').fill('Chào mừng đến Cà Mau');
  await editor.getByLabel('Tiêu đề (Tiếng Anh)').fill('Welcome to Cà Mau');
  await editor.getByRole('button', { name: 'Thêm mục' }).click();
  const form = editor.locator('[data-item-form]');
  await expect(form.getByRole('heading', { name: 'Chào mừng đến Cà Mau' })).toBeVisible();
  const title = form.getByRole('group', { name: 'Tiêu đề', exact: true });
  await expect(title.getByLabel('Tiếng Việt')).toHaveValue('Chào mừng đến Cà Mau');
  await expect(title.getByLabel('Tiếng Anh')).toHaveValue('Welcome to Cà Mau');
  await expectAccessible(editor, 'the content tab');

  await openTab(editor, 'Vòng phát');
  const loop = editor.locator('[data-loop="main"]');
  await loop.getByLabel('Thêm vào vòng').selectOption({ label: 'Cua Năm Căn' });
  await loop.getByLabel('Vị trí', { exact: true }).selectOption({ label: 'Sau «Xin chào»' });
  await loop.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(loop.locator('.loop-title a')).toHaveText(['Xin chào', 'Cua Năm Căn', 'Chào mừng đến Cà Mau']);
  // Drag with the keyboard (space, arrow, space), then back with the plain button.
  await loop.getByRole('button', { name: 'Kéo để đổi vị trí «Chào mừng đến Cà Mau»' }).focus();
  // Each key waits for dnd-kit's screen-reader announcement (in the catalogue's words) of the one before.
  await editor.keyboard.press('Space');
  await expect(editor.getByText('Đang ở vị trí 3.')).toBeAttached();
  await editor.keyboard.press('ArrowUp');
  await expect(editor.getByText('Đang ở vị trí 2.')).toBeAttached();
  await editor.keyboard.press('Space');
  await expect(editor.getByText('Đã đặt ở vị trí 2.')).toBeAttached();
  await expect(loop.locator('.loop-title a')).toHaveText(['Xin chào', 'Chào mừng đến Cà Mau', 'Cua Năm Căn']);
  await loop.getByRole('button', { name: 'Đưa «Chào mừng đến Cà Mau» xuống' }).click();
  await expect(loop.locator('.loop-title a')).toHaveText(['Xin chào', 'Cua Năm Căn', 'Chào mừng đến Cà Mau']);
  await expectAccessible(editor, 'the loops tab');
});

test('the editor schedules the clip for weekdays 07:00–11:00 and the week calendar shows it', async () => {
  await editor.getByLabel('Tên vòng mới').fill('Buổi sáng');
  await editor.getByRole('button', { name: 'Thêm vòng' }).click();
  const morning = editor.locator('.loop').filter({ has: editor.getByRole('heading', { name: 'Buổi sáng' }) });
  await morning.getByLabel('Thêm vào vòng').selectOption({ label: 'Cua Năm Căn' });
  await morning.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(morning.locator('.loop-title a')).toHaveText(['Cua Năm Căn']);

  await openTab(editor, 'Lịch phát');
  const newEntry = editor.getByRole('form', { name: 'Thêm khung lịch' });
  await newEntry.getByLabel('Tên khung lịch').fill('Sáng ngày thường');
  await newEntry.getByLabel('Vòng ở vùng chính').selectOption({ label: 'Buổi sáng' });
  await newEntry.getByRole('button', { name: 'Thêm', exact: true }).click();
  const entry = editor.locator('details.entry').filter({ hasText: 'Sáng ngày thường' });
  await entry.getByRole('button', { name: 'Thứ Hai – Thứ Sáu' }).click();
  await entry.getByRole('button', { name: 'Thêm khung giờ' }).click();
  // A wrong time is a sentence next to its field, in Vietnamese, and is listed above the tabs.
  await entry.getByLabel('Từ (khung 1)').fill('7h');
  await expect(entry.getByText('Giờ phải có dạng HH:MM, từ 00:00 đến 24:00.')).toBeVisible();
  await expect(editor.locator('.issues')).toContainText('Lịch phát: Giờ phải có dạng HH:MM');
  await entry.getByLabel('Từ (khung 1)').fill('07:00');
  await expect(editor.locator('.issues')).toHaveCount(0);
  await entry.getByLabel('Đến (khung 1)').fill('11:00');
  await entry.getByLabel('Độ ưu tiên').fill('10');
  const monday = editor.getByRole('listitem', { name: /^Thứ Hai/ });
  await expect(monday).toContainText('07:00–11:00 Sáng ngày thường');
  await expect(editor.getByRole('listitem', { name: /^Thứ Bảy/ })).not.toContainText('Sáng ngày thường');
  // The hour ruler's marks sit on the columns' hour lines: the block starts on 07:00 and ends on 11:00, at desktop width and on
  // a 390 px phone (even hours only there), where the ruler stays in view while the week scrolls sideways.
  const col = monday.locator('.week-col');
  const block = monday.locator('.week-block').filter({ hasText: 'Sáng ngày thường' });
  const mark = (hour: number) => editor.locator(`.week-hours li[data-hour="${hour}"]`);
  const middle = async (hour: number) => ((b) => b.y + b.height / 2)((await mark(hour).boundingBox())!);
  for (const [width, hours] of [[1440, [7, 11, 2, 22]], [390, [6, 12, 2, 22]]] as const) {
    await editor.setViewportSize({ width, height: 900 });
    await expect(editor.locator('.week-ruler-head')).toHaveText('Giờ');
    const c = (await col.boundingBox())!;
    const line = (hour: number) => c.y + 1 + (hour / 24) * (c.height - 2);
    const b = (await block.boundingBox())!;
    expect(Math.abs(b.y - line(7))).toBeLessThan(1.5);
    expect(Math.abs(b.y + b.height - line(11))).toBeLessThan(1.5);
    for (const hour of hours) expect(Math.abs((await middle(hour)) - line(hour)), `${hour}:00 at ${width} px`).toBeLessThan(1.5);
  }
  await expect(mark(7)).toBeHidden();
  const wrap = editor.locator('.week-wrap');
  await wrap.evaluate((e) => e.scrollTo({ left: e.scrollWidth }));
  await expect.poll(() => wrap.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  expect(Math.abs((await editor.locator('.week-ruler').boundingBox())!.x - (await wrap.boundingBox())!.x)).toBeLessThan(1.5);
  await editor.setViewportSize({ width: 1440, height: 900 });
  await expectAccessible(editor, 'the schedule tab');
});

test('the editor edits a kiosk page and a quiz question in both languages', async () => {
  await openTab(editor, 'Kiosk');
  await editor.getByRole('button', { name: 'Thêm kiosk' }).click();
  const page = editor.locator('.page-form');
  const pageTitle = page.getByRole('group', { name: 'Tiêu đề trang' });
  await pageTitle.getByLabel('Tiếng Việt').fill('Mũi Cà Mau');
  await pageTitle.getByLabel('Tiếng Anh').fill('Cape Cà Mau');
  const text = page.getByRole('group', { name: /^Văn bản/ });
  await text.getByLabel('Tiếng Việt').fill('Điểm cực Nam của Tổ quốc.');
  await text.getByLabel('Tiếng Anh').fill('The southernmost point of Vietnam.');

  await editor.getByLabel('Tên bộ câu đố mới').fill('Đố vui ASEAN');
  await editor.getByRole('button', { name: 'Thêm bộ câu đố' }).click();
  const quiz = editor.locator('[data-quiz]');
  const question = quiz.getByRole('group', { name: 'Nội dung câu hỏi 1' });
  await question.getByLabel('Tiếng Việt').fill('ASEAN được thành lập năm nào?');
  await question.getByLabel('Tiếng Anh').fill('When was ASEAN founded?');
  await quiz.getByRole('group', { name: 'Phương án 1' }).getByLabel('Tiếng Việt').fill('1967');
  await quiz.getByRole('group', { name: 'Phương án 2' }).getByLabel('Tiếng Việt').fill('1975');
  await quiz.getByLabel('Đáp án đúng: 1967').check();
  await expect(editor.locator('.issues')).toHaveCount(0);
  // A map whose point is placed by typing its position (0–1 across and down); out of range is a sentence next to the field.
  await page.getByLabel('Loại khối').selectOption({ label: 'Bản đồ' });
  await page.getByRole('button', { name: 'Thêm khối' }).click();
  const mapBlock = page.locator('[data-block="map"]');
  await mapBlock.getByLabel('Ảnh bản đồ').selectOption({ label: 'ban-do-ca-mau' });
  await mapBlock.getByRole('button', { name: 'Thêm điểm' }).click();
  const point = mapBlock.locator('fieldset.group-box').filter({ has: editor.getByLabel('Vị trí ngang') });
  const pointTitle = point.getByRole('group', { name: 'Tên điểm' });
  await pointTitle.getByLabel('Tiếng Việt').fill('Cột mốc GPS 0001');
  await pointTitle.getByLabel('Tiếng Anh').fill('Landmark GPS 0001');
  await point.getByLabel('Vị trí ngang').fill('1.5');
  await expect(point.getByText('Lớn nhất là 1.')).toBeVisible();
  await expect(editor.locator('.issues')).toContainText('Lớn nhất là 1.');
  await point.getByLabel('Vị trí ngang').fill('0.83');
  await point.getByLabel('Vị trí dọc').fill('0.25');
  await expect(editor.locator('.issues')).toHaveCount(0);
  // Offering visitors a language whose kiosk texts are incomplete needs an explicit "offer anyway".
  const french = editor.getByRole('checkbox', { name: /^Tiếng Pháp \(0\/\d+\)$/ });
  await french.uncheck();
  await french.click();
  const ask = editor.getByRole('alertdialog', { name: 'Tiếng Pháp chưa đầy đủ' });
  await expect(ask).toContainText(/Còn thiếu (\d+) \/ \1 văn bản kiosk/);
  await expect(french).not.toBeChecked();
  await expectAccessible(editor, 'the kiosk tab asking before offering an incomplete language');
  await ask.getByRole('button', { name: 'Huỷ' }).click();
  await expect(ask).toHaveCount(0);
  await expect(french).not.toBeChecked();
  await french.click();
  await ask.getByRole('button', { name: 'Vẫn cho khách chọn' }).click();
  await expect(french).toBeChecked();
  await expectAccessible(editor, 'the kiosk tab');

  await editor.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();
  const { channels } = await opJson<{ channels: { id: string; title: string }[] }>(t.url, t.admin, 'GET', '/api/channels');
  const id = channels.find((c) => c.title === CHANNEL_TITLE)!.id;
  const { draft } = await opJson<{ draft: { kiosk: { languages: string[]; pages: Record<string, { title: unknown; blocks: { kind: string; points?: unknown[] }[] }>; quizzes: Record<string, { questions: { text: unknown }[] }> } } }>(t.url, t.admin, 'GET', `/api/channels/${id}`);
  expect(draft.kiosk.languages).toContain('fr');
  expect(Object.values(draft.kiosk.pages)[0]!.title).toEqual({ vi: 'Mũi Cà Mau', en: 'Cape Cà Mau' });
  expect(Object.values(draft.kiosk.pages)[0]!.blocks.find((b) => b.kind === 'map')!.points).toEqual([expect.objectContaining({ x: 0.83, y: 0.25, title: { vi: 'Cột mốc GPS 0001', en: 'Landmark GPS 0001' } })]);
  expect(Object.values(draft.kiosk.quizzes)[0]!.questions[0]!.text).toEqual({ vi: 'ASEAN được thành lập năm nào?', en: 'When was ASEAN founded?' });
});

test('the preview plays Monday 08:00 in English with the real renderer: the clip is on the glass', async () => {
  // The frame loads under the preview's CSP with no console error (a refused style or a missing resource would show here).
  const consoleErrors: string[] = [];
  const onConsole = (m: ConsoleMessage) => void (m.type() === 'error' && consoleErrors.push(`${m.text()} (${m.location().url})`));
  const onPageError = (e: Error) => void consoleErrors.push(e.message);
  editor.on('console', onConsole);
  editor.on('pageerror', onPageError);
  await openTab(editor, 'Xem trước');
  await editor.getByLabel('Ngày', { exact: true }).fill(nextMonday());
  await editor.getByLabel('Giờ', { exact: true }).fill('08:00');
  await editor.getByLabel('Ngôn ngữ màn hình').selectOption({ label: 'Tiếng Anh' });
  await editor.getByRole('button', { name: 'Xem', exact: true }).click();
  await expect(editor.locator('.timeline')).toContainText('07:00–11:00 Sáng ngày thường');
  await expect(editor.locator('.timeline')).toContainText('Cua Năm Căn');
  // The clip is one solid magenta: most of the frame must be that colour.
  await expect.poll(() => colourShare(editor, '.preview-screen iframe', MAGENTA), { timeout: 20_000 }).toBeGreaterThan(0.6);
  // At noon the weekday morning is over: the main loop's first slide, in English.
  await editor.getByLabel('Giờ', { exact: true }).fill('12:00');
  await expect(editor.frameLocator('.preview-screen iframe').getByText('Welcome', { exact: true })).toBeVisible({ timeout: 20_000 });
  // The kiosk is previewed on a touch display and is tappable: a tap on the attract loop opens its home, then a page.
  await editor.getByLabel('Màn hiển thị').selectOption('kiosk');
  const kiosk = editor.frameLocator('.preview-screen iframe');
  await kiosk.locator('.pano-attract-target').click({ timeout: 20_000 });
  await expect(kiosk.getByTestId('kiosk-home-view')).toBeVisible();
  await kiosk.locator('[data-section="gioi-thieu"]').click();
  await expect(kiosk.getByText('The southernmost point of Vietnam.')).toBeVisible();
  // The map's point is where its typed position says, and tapping it opens its card.
  await expect.poll(() => kiosk.locator('.pano-map-canvas img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
  const canvas = (await kiosk.locator('.pano-map-canvas').boundingBox())!;
  const pin = kiosk.getByRole('button', { name: '1. Landmark GPS 0001' });
  const at = (await pin.boundingBox())!;
  expect((at.x + at.width / 2 - canvas.x) / canvas.width).toBeCloseTo(0.83, 1);
  expect((at.y + at.height / 2 - canvas.y) / canvas.height).toBeCloseTo(0.25, 1);
  await pin.click();
  await expect(kiosk.getByTestId('map-card')).toContainText('Landmark GPS 0001');
  await expectAccessible(editor, 'the preview tab');
  editor.off('console', onConsole);
  editor.off('pageerror', onPageError);
  expect(consoleErrors).toEqual([]);
});

test('the editor submits, an approver approves and publishes, and the core adopts it', async ({ browser }) => {
  await editor.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
  await expect(editor.getByText('Đã lưu và gửi duyệt.')).toBeVisible();
  // The header follows the state and the role, and says why a button is unavailable.
  await expect(editor.getByRole('button', { name: 'Gửi duyệt', exact: true })).toBeDisabled();
  await expect(editor.locator('.action-why')).toContainText('Gửi duyệt: đã gửi duyệt, đang chờ người duyệt.');
  await expect(editor.locator('.action-why')).toContainText('Duyệt và xuất bản: chỉ người duyệt hoặc quản trị viên được xuất bản.');

  const approver = await (await viContext(browser)).newPage();
  await firstSignIn(approver, 'duyet');
  await approver.getByRole('link', { name: 'Kênh' }).click();
  const card = approver.locator('.card').filter({ hasText: CHANNEL_TITLE });
  await expect(card).toContainText('Chờ duyệt');
  await expectAccessible(approver, 'the channels page');
  await card.getByRole('link', { name: CHANNEL_TITLE }).click();
  const adopted = new Promise<string>((resolve) => core.on('adopted', (a) => a.channel !== 'emergency' && resolve(a.channel)));
  await approver.getByRole('button', { name: 'Duyệt và xuất bản' }).click();
  await expect(approver.getByText('Đã xuất bản và gửi tới các màn hình.')).toBeVisible();
  // Published, no new draft: publishing again is unavailable, looks it, and says why.
  const publishAgain = approver.getByRole('button', { name: 'Xuất bản', exact: true });
  await expect(publishAgain).toBeDisabled();
  await expect(publishAgain).not.toHaveCSS('background-color', 'rgb(11, 93, 69)');
  await expect(approver.locator('.action-why')).toContainText('Gửi duyệt, Xuất bản: các màn hình đã có đúng bản nháp này (phiên bản 1); hãy sửa gì đó trước.');
  const channel = await within(adopted, 20_000, 'the core adopting the published channel');

  const state = core.state();
  expect(state.playlist?.channel).toBe(channel);
  const playlist = JSON.parse(state.playlist!.payload) as {
    items: Record<string, { kind: string; title?: unknown; fields?: { title?: unknown } }>;
    sequences: Record<string, { title?: unknown; items: string[] }>;
    schedule: { entries: { name?: string; weekdays?: number[]; windows?: unknown[]; priority: number }[] };
    kiosk: { pages: Record<string, { title: unknown }> };
  };
  const main = playlist.sequences.main!.items;
  expect(main).toHaveLength(3);
  expect(playlist.items[main[1]!]).toMatchObject({ kind: 'video', title: 'Cua Năm Căn' });
  expect(playlist.items[main[2]!]!.fields!.title).toEqual({ vi: 'Chào mừng đến Cà Mau', en: 'Welcome to Cà Mau' });
  expect(playlist.schedule.entries.find((e) => e.name === 'Sáng ngày thường')).toMatchObject({ weekdays: [1, 2, 3, 4, 5], windows: [{ start: '07:00', end: '11:00' }], priority: 10 });
  expect(Object.values(playlist.kiosk.pages)[0]!.title).toEqual({ vi: 'Mũi Cà Mau', en: 'Cape Cà Mau' });
  await approver.close();
});

test('deleting a clip in use is refused, naming the channel that holds it', async () => {
  await editor.getByRole('link', { name: 'Thư viện' }).click();
  const card = editor.locator('.media-card').filter({ hasText: 'Cua Năm Căn' });
  await expect(card).toContainText(`Đang dùng trong: ${CHANNEL_TITLE}`);
  editor.once('dialog', (d) => void d.accept());
  await card.getByRole('button', { name: 'Xoá' }).click();
  await expect(card.getByRole('alert')).toHaveText(`Không xoá được: tệp đang được dùng trong kênh ${CHANNEL_TITLE}.`);
  await expect(card).toBeVisible();
});

test('a live stream with its fallback and a cached HLS stream are made with their forms', async () => {
  // A channel whose draft already lists a cached HLS stream with every file pinned (an expert writes that in the JSON view, or `pano sign`).
  const { draft } = await opJson<{ draft: Record<string, unknown> }>(t.url, t.admin, 'POST', '/api/channels', { id: 'luong-hls', title: 'Luồng HLS' });
  const stream = { type: 'application/vnd.apple.mpegurl', sha256: 'a'.repeat(64), size: 420, urls: ['https://cdn.camau.example/phim/index.m3u8'], files: [{ path: 'seg-0.ts', sha256: 'b'.repeat(64), size: 188_000 }] };
  expect((await op(t.url, t.admin, 'PUT', '/api/channels/luong-hls/draft', { draft: { ...draft, assets: { 'phim-mui-ca-mau': stream } } })).status).toBe(200);
  await editor.goto(`${t.url}/channels/luong-hls?tab=items`);
  const add = async (kind: string, title: string) => {
    await editor.getByLabel('Loại', { exact: true }).selectOption({ label: kind });
    await editor.getByLabel('Tiêu đề (Tiếng Việt)').fill(title);
    await editor.getByRole('button', { name: 'Thêm mục' }).click();
    await expect(editor.locator('[data-item-form]').getByRole('heading', { name: title })).toBeVisible();
  };
  const form = editor.locator('[data-item-form]');

  await add('Truyền hình trực tiếp (HLS)', 'CTV Cà Mau trực tiếp');
  const url = form.getByLabel('Địa chỉ luồng (https://…/index.m3u8)');
  await url.fill('ftp://ctv.camau/live.m3u8');
  await expect(form.getByText('Cần một địa chỉ http(s) đầy đủ.')).toBeVisible();
  await url.fill('https://live.camau.example/ctv/index.m3u8');
  await form.getByLabel('Phát thay khi luồng lỗi').selectOption({ label: 'Xin chào' });
  await expect(editor.locator('.issues')).toHaveCount(0);
  await expectAccessible(editor, 'the live stream form');

  await add('Video HLS trong bộ nhớ đệm', 'Phim Mũi Cà Mau');
  await form.getByLabel('Luồng HLS lưu sẵn (có trong tài nguyên của kênh)').selectOption({ label: 'phim-mui-ca-mau' });
  await form.getByLabel('Cắt sau (giây)').fill('90');
  await expect(editor.locator('.issues')).toHaveCount(0);
  await expectAccessible(editor, 'the cached stream form');

  await editor.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();
  const saved = await opJson<{ draft: { items: Record<string, Record<string, unknown>> } }>(t.url, t.admin, 'GET', '/api/channels/luong-hls');
  const byTitle = (vi: string) => Object.values(saved.draft.items).find((i) => (i.title as { vi?: string } | undefined)?.vi === vi);
  expect(byTitle('CTV Cà Mau trực tiếp')).toMatchObject({ kind: 'hls', mode: 'live', url: 'https://live.camau.example/ctv/index.m3u8', fallback: 'welcome', duration: 600 });
  expect(byTitle('Phim Mũi Cà Mau')).toMatchObject({ kind: 'hls', mode: 'vod', asset: 'phim-mui-ca-mau', duration: 90 });
});

test('an admin disables the editor and the open session is refused at once', async () => {
  await admin.getByRole('link', { name: 'Người dùng' }).click();
  await admin.locator('tr[data-user="bientap"]').getByRole('button', { name: 'Khoá' }).click();
  await expect(admin.getByText('Đã khoá bientap; các phiên của người này đã kết thúc.')).toBeVisible();
  await expect(admin.locator('tr[data-user="bientap"]')).toContainText('Đã khoá');

  // The editor's tab is still open: its next request is refused and the studio says why.
  await editor.getByRole('navigation', { name: 'Mục chính' }).getByRole('link', { name: 'Kênh' }).click();
  await expect(editor.getByText('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.')).toBeVisible();
  expect((await editor.request.get(`${t.url}/api/me`)).status()).toBe(401);
  await editorContext.close();
});

test('axe finds no violation on the remaining pages and tabs', async () => {
  for (const [link, heading] of [
    ['Khẩn cấp', 'Khẩn cấp'],
    ['Báo cáo', 'Báo cáo phát'],
    ['Nhật ký', 'Nhật ký thao tác'],
    ['admin', 'Tài khoản admin'],
  ] as const) {
    await admin.getByRole('link', { name: link, exact: true }).click();
    await expect(admin.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await expectAccessible(admin, link);
  }
  await admin.getByRole('link', { name: 'Kênh' }).click();
  await admin.getByRole('link', { name: CHANNEL_TITLE }).click();
  for (const tab of ['Màn hình nhận', 'Ngôn ngữ', 'JSON']) {
    await openTab(admin, tab);
    await expectAccessible(admin, `the ${tab} tab`);
  }
  await expect(admin.getByLabel('Bản nháp dạng JSON')).toHaveCSS('font-family', /Pano Mono/);
});
