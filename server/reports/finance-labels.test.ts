import { describe, expect, it } from 'vitest';
import { dmy, FINANCE_LABELS } from './finance-labels.ts';

describe('finance report labels', () => {
  it('has every key in both languages, none empty, and Vietnamese that is not the English', () => {
    expect(Object.keys(FINANCE_LABELS.en).sort()).toEqual(Object.keys(FINANCE_LABELS.vi).sort());
    for (const lang of ['vi', 'en'] as const) for (const v of Object.values(FINANCE_LABELS[lang])) expect(v.trim()).not.toBe('');
    expect(FINANCE_LABELS.vi.completed).toBe('Đã phát');
    expect(FINANCE_LABELS.vi.skipped).toBe('Bỏ qua');
  });

  it('writes dates as dd/MM/yyyy', () => {
    expect(dmy('2026-11-05')).toBe('05/11/2026');
  });
});

describe('finance report times', () => {
  it('writes 24-hour times in the zone', async () => {
    const { dmyHm } = await import('./finance-labels.ts');
    expect(dmyHm('2026-11-30T17:05:00Z', 'Asia/Ho_Chi_Minh')).toBe('01/12/2026 00:05');
  });
});
