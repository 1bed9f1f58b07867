import { describe, expect, it } from 'vitest';
import { move, setIn, slugId } from './draft-ops.ts';

describe('draft edits', () => {
  it('keeps keys in place and fields the forms do not know', () => {
    const draft = { title: 'Sảnh', zeta: 1, items: { a: { kind: 'video', asset: 'x', custom: true } }, alpha: 2 };
    const next = setIn(draft, ['items', 'a', 'asset'], 'y');
    expect(JSON.stringify(next)).toBe('{"title":"Sảnh","zeta":1,"items":{"a":{"kind":"video","asset":"y","custom":true}},"alpha":2}');
    expect(draft.items.a.asset).toBe('x');
    expect(Object.keys(setIn(draft, ['zeta'], undefined))).toEqual(['title', 'items', 'alpha']);
  });

  it('removes list slots and moves items', () => {
    expect(setIn({ l: [1, 2, 3] }, ['l', 1], undefined)).toEqual({ l: [1, 3] });
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
  });

  it('makes readable unique ids from Vietnamese titles', () => {
    expect(slugId('Cua Năm Căn – mùa 2026', [])).toBe('cua-nam-can-mua-2026');
    expect(slugId('Đất Mũi', ['dat-mui'])).toBe('dat-mui-2');
    expect(slugId('!!!', [], 'slide')).toBe('slide');
  });
});
