import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { initialLanguage, translate } from './index.tsx';
import { vi } from './vi.ts';

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

  it('fills placeholders', () => {
    expect(translate('vi', 'fleet.summary', { online: 2, total: 3 })).toBe('2 / 3 màn hình đang trực tuyến');
    expect(translate('en', 'fleet.summary', { online: 2, total: 3 })).toBe('2 of 3 screens online');
  });

  it('picks the login page language from the browser, Vietnamese by default', () => {
    expect(initialLanguage(null, ['vi-VN', 'en-US'])).toBe('vi');
    expect(initialLanguage(null, ['en-GB', 'vi'])).toBe('en');
    expect(initialLanguage(null, ['fr-FR'])).toBe('vi');
    expect(initialLanguage('en', ['vi-VN'])).toBe('en');
  });
});
