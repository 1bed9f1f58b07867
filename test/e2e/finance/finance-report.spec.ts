import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { FinanceReport } from '../../../playlists/schemas/finance.ts';
import { Workbook } from '../../../server/reports/exceljs.ts';
import { rollUpDays } from '../../../server/reports/finance-days.ts';
import { op, opJson, startTestHub, stopPostgres, type Backend, type TestHub } from '../hub/helpers.ts';
import { EXPECTED, seedMonth } from './seed-month.ts';

const MONTH = '?from=2026-11-01&to=2026-11-30&department=Ph%C3%B2ng%20T%C3%A0i%20ch%C3%ADnh';
const hours = (sec: number) => Math.round(sec / 360) / 10;

/** What the database itself says, counted with plain SQL: the files must agree with it. */
async function dbFigures(h: TestHub) {
  const db = h.hub.context.db;
  const n = async (sql: string) => Number((await db.get<{ n: unknown }>(sql))!.n);
  const inMonth = "day >= '2026-11-01' AND day <= '2026-11-30'";
  return {
    completed: await n(`SELECT COUNT(*) AS n FROM plays WHERE ${inMonth} AND outcome = 'completed'`),
    skipped: await n(`SELECT COUNT(*) AS n FROM plays WHERE ${inMonth} AND outcome = 'skipped'`),
    started: await n(`SELECT COUNT(*) AS n FROM plays WHERE ${inMonth}`),
    seconds: await n(`SELECT SUM(duration_ms) / 1000 AS n FROM plays WHERE ${inMonth}`),
  };
}

async function download(h: TestHub, path: string): Promise<Buffer> {
  const res = await op(h.url, h.admin, 'GET', path);
  expect(res.status, await res.clone().text().catch(() => '')).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pano-finance-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const backend of ['sqlite', 'postgres'] as Backend[]) {
  test.describe(`finance report (${backend})`, () => {
    test.describe.configure({ mode: 'serial', timeout: 180_000 });
    let h: TestHub;
    test.beforeAll(async () => {
      h = await startTestHub(backend);
      await seedMonth(h.hub.context.db);
    });
    test.afterAll(async () => {
      await h?.close();
      if (backend === 'postgres') await stopPostgres();
    });

    test('the JSON figures are the seeded month’s, worked out by hand', async () => {
      const r = await opJson<FinanceReport>(h.url, h.admin, 'GET', `/api/reports/finance${MONTH}`);
      expect(r.period).toMatchObject({ from: '2026-11-01', to: '2026-11-30', timeZone: 'Asia/Ho_Chi_Minh', startsAt: '2026-10-31T17:00:00.000Z', endsAt: '2026-11-30T17:00:00.000Z' });
      for (const [key, want] of Object.entries(EXPECTED.clips)) {
        const [device, item] = key.split('/');
        const row = r.rows.find((x) => x.deviceId === device && x.itemId === item);
        expect(row, key).toMatchObject(want);
      }
      expect(r.rows).toHaveLength(3);
      expect(r.rows.find((x) => x.deviceId === 'gate' && x.itemId === 'tet-promo')!.reasons).toEqual([
        { outcome: 'skipped', reason: 'STALLED: chưa sẵn sàng sau 5 giây', plays: 5 },
        { outcome: 'error', reason: 'PLAYBACK_FAILED: decode error', plays: 2 },
      ]);
      for (const [device, want] of Object.entries(EXPECTED.screens)) {
        const s = r.screens.find((x) => x.deviceId === device)!;
        expect(s, device).toMatchObject({ onlineSec: want.onlineSec, contentSec: want.contentSec, darkSec: want.darkSec, periodSec: 30 * 86_400 });
        expect(s.chain.status).toBe(want.chain);
        expect(s.chain.records).toBe(want.records);
      }
      expect(r.screens.find((x) => x.deviceId === 'gate')!.chain).toMatchObject({ firstSeq: 1, lastSeq: 160, flags: {} });
      expect(r.screens.find((x) => x.deviceId === 'square')!.chain.flags).toEqual({ gap: 1 });
      expect(r.totals).toMatchObject(EXPECTED.totals);
      expect(r.totals).toMatchObject(await dbFigures(h));
    });

    test('the XLSX, read back with exceljs, agrees with the database, in Vietnamese', async () => {
      const book = new Workbook();
      await book.xlsx.load((await download(h, `/api/reports/finance.xlsx${MONTH}`)) as unknown as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Lượt phát', 'Lý do', 'Màn hình']);
      const summary = book.getWorksheet('Tổng hợp')!;
      expect(summary.getCell('B2').value).toBe('Phòng Tài chính');
      expect(summary.getCell('B3').value).toEqual(new Date('2026-11-01T00:00:00Z'));
      expect(summary.getCell('C3').value).toEqual(new Date('2026-11-30T00:00:00Z'));
      expect(summary.getCell('B3').numFmt).toBe('dd/mm/yyyy');
      const plays = book.getWorksheet('Lượt phát')!;
      const header = plays.getRow(1).values as unknown[];
      expect(header).toEqual([undefined, 'Màn hình', 'Kênh', 'Clip', 'Đã lên lịch (đã bắt đầu)', 'Đã phát', 'Bỏ qua', 'Bị ngắt', 'Lỗi', 'Số giây hiển thị']);
      const rows = (plays.getSheetValues() as unknown[][]).slice(2);
      const gateTet = rows.find((v) => v[1] === 'Sảnh Nhà ga T2' && v[3] === 'tet-promo')!;
      const t = EXPECTED.clips['gate/tet-promo'];
      expect(gateTet.slice(4)).toEqual([t.started, t.completed, t.skipped, t.interrupted, t.errors, t.seconds]);
      const db = await dbFigures(h);
      expect(rows.at(-1)!.slice(4)).toEqual([db.started, db.completed, db.skipped, 3, 2, db.seconds]);
      expect(plays.getCell('E2').numFmt).toBe('#,##0');
      const reasons = (book.getWorksheet('Lý do')!.getSheetValues() as unknown[][]).slice(2);
      expect(reasons).toContainEqual([undefined, 'Sảnh Nhà ga T2', 'tet-promo', 'Bỏ qua', 'STALLED: chưa sẵn sàng sau 5 giây', 5]);
      const screens = (book.getWorksheet('Màn hình')!.getSheetValues() as unknown[][]).slice(2);
      const gate = screens.find((v) => v[1] === 'Sảnh Nhà ga T2')!;
      expect(gate.slice(2, 7)).toEqual([720, hours(EXPECTED.screens.gate.onlineSec), hours(EXPECTED.screens.gate.contentSec), 270, hours(30 * 86_400 - EXPECTED.screens.gate.onlineSec)]);
      expect(screens.find((v) => v[1] === 'Quảng trường Đồng Khởi')![8]).toBe('có khoảng trống');
      expect(screens.find((v) => v[1] === 'Quảng trường Đồng Khởi')![12]).toBe('khoảng trống: 1');
    });

    test('the PDF, read back with pdftotext, agrees with the database, Vietnamese intact; English on request', async () => {
      const pdf = await download(h, `/api/reports/finance.pdf${MONTH}`);
      // Kept with the test's output, to look at (pdftoppm -png) when the layout is in doubt.
      writeFileSync(test.info().outputPath('finance-vi.pdf'), pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf);
      for (const s of ['Báo cáo phát quảng cáo cho tài chính', 'Đã phát', 'Bỏ qua', 'Sảnh Nhà ga T2', 'Quảng trường Đồng Khởi', 'Phòng Tài chính', '01/11/2026 – 30/11/2026', 'STALLED: chưa sẵn sàng sau 5 giây', 'có khoảng trống', 'Trang 1 / ']) {
        expect(text, s).toContain(s);
      }
      const db = await dbFigures(h);
      const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
      // The totals row of the plays table: started, completed, skipped, interrupted, errors, seconds.
      const totals = text.split('\n').filter((l) => l.trim().startsWith('Tổng cộng') && /\d/.test(l));
      expect(totals.at(-1)!.trim().split(/\s{2,}/)).toEqual(['Tổng cộng', ...[db.started, db.completed, db.skipped, 3, 2, db.seconds].map((v) => vi.format(v))]);
      expect(text).toContain(vi.format(hours(EXPECTED.screens.gate.onlineSec)));
      const en = pdfText(await download(h, `/api/reports/finance.pdf${MONTH}&lang=en`));
      for (const s of ['Advertising play report for finance', 'Completed', 'Skipped', 'Page 1 / ', 'Sảnh Nhà ga T2']) expect(en, s).toContain(s);
    });

    test('after the month’s heartbeats are rolled up per day and pruned, the figures are the same', async () => {
      const db = h.hub.context.db;
      const before = await opJson<FinanceReport>(h.url, h.admin, 'GET', `/api/reports/finance${MONTH}`);
      // As the hourly prune would on 20/12/2026: every complete day from the cutoff's next day on, then the old beats go.
      const now = Date.parse('2026-12-20T05:00:00Z');
      const cutoff = Date.parse('2026-10-30T00:00:00Z');
      expect(await rollUpDays(db, 'Asia/Ho_Chi_Minh', now, cutoff)).toBeGreaterThanOrEqual(2 * 30);
      expect(await rollUpDays(db, 'Asia/Ho_Chi_Minh', now, cutoff)).toBe(0);
      await db.run('DELETE FROM heartbeats WHERE received_at < $1', [now]);
      const after = await opJson<FinanceReport>(h.url, h.admin, 'GET', `/api/reports/finance${MONTH}`);
      expect(after.screens).toEqual(before.screens);
      expect(after.screens.find((s) => s.deviceId === 'gate')).toMatchObject({ onlineSec: EXPECTED.screens.gate.onlineSec, darkSec: EXPECTED.screens.gate.darkSec });
    });

    test('a period that ends before it starts is refused with a sentence', async () => {
      const res = await op(h.url, h.admin, 'GET', '/api/reports/finance?from=2026-11-30&to=2026-11-01');
      expect(res.status).toBe(422);
      expect(JSON.stringify(await res.json())).toContain('Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.');
    });
  });
}
