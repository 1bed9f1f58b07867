import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { issueText } from './errors.ts';
import { addCatalogues, initialLanguage, makeI18n, translate } from './index.tsx';
import { vi } from './vi.ts';
import { viLogin } from './vi-login.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('studio message catalogue', () => {
  it('has every key in Vietnamese and in English, none empty', () => {
    const missingInEn = Object.keys(vi).filter((k) => !Object.hasOwn(en, k));
    const missingInVi = Object.keys(en).filter((k) => !Object.hasOwn(vi, k));
    expect({ missingInEn, missingInVi }).toEqual({ missingInEn: [], missingInVi: [] });
    const empty = Object.entries({ ...vi, ...en }).filter(([, v]) => v.trim() === '');
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const differ = Object.keys(vi).filter((k) => placeholders(vi[k as keyof typeof vi]).join() !== placeholders(en[k as keyof typeof vi]).join());
    expect(differ).toEqual([]);
  });

  it('before sign-in has only the login page’s texts; every one the login page uses', () => {
    expect(translate('vi', 'fleet.summary')).toBe('fleet.summary');
    // Every key used by what is drawn before sign-in, and every refusal's sentence (i18n/errors.ts).
    const studio = join(import.meta.dirname, '..');
    const files = ['App.tsx', 'pages/LoginPage.tsx', 'components/LanguageSwitch.tsx', 'components/Notice.tsx', 'i18n/index.tsx'];
    const used = files.flatMap((f) => [...readFileSync(join(studio, f), 'utf8').matchAll(/\b(?:t|translate\([^,]+,)\s*\(?\s*'([a-z][\w.]*)'/g)].map((m) => m[1]!));
    const apiCodes = [...readFileSync(join(studio, 'i18n/errors.ts'), 'utf8').matchAll(/'(error\.\w+)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    expect([...used, ...apiCodes].filter((k) => !Object.hasOwn(viLogin, k))).toEqual([]);
  });

  it('fills placeholders', () => {
    addCatalogues({ vi, en });
    expect(translate('vi', 'fleet.summary', { online: 2, total: 3 })).toBe('2 / 3 màn hình đang trực tuyến');
    expect(translate('en', 'fleet.summary', { online: 2, total: 3 })).toBe('2 of 3 screens online');
  });

  it('picks the English word for the count (1 screen, 2 screens); Vietnamese has one form', () => {
    addCatalogues({ vi, en });
    expect(translate('en', 'bulk.selected', { n: 1 })).toBe('1 screen selected');
    expect(translate('en', 'bulk.selected', { n: 2 })).toBe('2 screens selected');
    expect(translate('en', 'bulk.selected', { n: 0 })).toBe('0 screens selected');
    expect(translate('en', 'bulk.selectGroup', { group: 'Bảo tàng', n: 1 })).toBe('Select the whole group “Bảo tàng” (1 screen)');
    expect(translate('vi', 'bulk.selected', { n: 1 })).not.toContain('{');
    // Every plural form in the catalogues names a placeholder the same text fills, and has exactly two words.
    for (const [key, text] of Object.entries(en)) for (const m of text.matchAll(/\{(\w+)\|/g)) expect(text, key).toContain(`{${m[1]}}`);
  });

  it('words a value that fits none of a union’s shapes by its first problem (a live stream’s URL)', () => {
    addCatalogues({ vi, en });
    const union = { path: 'items.live.url', code: 'invalid_union', message: 'Invalid input', params: { errors: [[{ code: 'custom', path: [], params: { rule: 'absoluteUrl' }, message: 'expected an absolute http(s) URL' }], [{ code: 'custom', path: [], params: { rule: 'mediaUrl' }, message: 'expected an http(s) URL or a path relative to the playlist' }]] } };
    expect(issueText(makeI18n('vi', 'Asia/Ho_Chi_Minh'), union)).toBe('Cần một địa chỉ http(s) đầy đủ.');
    expect(issueText(makeI18n('en', 'Asia/Ho_Chi_Minh'), { ...union, params: {} })).toBe(translate('en', 'issue.generic'));
  });

  it('picks the login page language from the browser, Vietnamese by default', () => {
    expect(initialLanguage(null, ['vi-VN', 'en-US'])).toBe('vi');
    expect(initialLanguage(null, ['en-GB', 'vi'])).toBe('en');
    expect(initialLanguage(null, ['fr-FR'])).toBe('vi');
    expect(initialLanguage('en', ['vi-VN'])).toBe('en');
  });
});
