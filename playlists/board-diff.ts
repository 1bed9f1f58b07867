import type { DiffChange } from './schemas/board-workflow.ts';
import { Lang } from './schemas/common.ts';
import { itemTitle } from './titles.ts';

/**
 * What changed between two playlists, as a content officer reads it: items
 * added and removed; per item, each text per language, each media file
 * (by asset sha256, so a new upload under the same asset id shows), and
 * other settings; loops; schedule entries by id; and the other parts. Pure,
 * so the hub answers it (GET /api/channels/:id/diff) and a test checks it.
 * Version, issue and expiry times are not content and are left out.
 */

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const isObj = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Key order does not make a change (an expert's JSON may reorder keys). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const shown = (v: unknown): string | null => (v === undefined ? null : typeof v === 'string' ? v : canonical(v));

/** A text shown to people: a string, or a map of language tags to strings. */
const isText = (v: unknown): boolean => typeof v === 'string' || (isObj(v) && Object.keys(v).length > 0 && Object.entries(v).every(([k, s]) => typeof s === 'string' && Lang.safeParse(k).success));

type Title = string | Record<string, string> | null;
const NOT_CONTENT = new Set(['schemaVersion', 'channel', 'version', 'issuedAt', 'expiresAt', 'items', 'sequences', 'schedule', 'assets']);

export function diffPlaylists(before: unknown, after: unknown): DiffChange[] {
  const a = obj(before);
  const b = obj(after);
  const changes: DiffChange[] = [];
  const media = (assets: unknown, id: unknown) => {
    if (typeof id !== 'string') return null;
    const asset = obj(obj(assets)[id]);
    return { asset: id, sha256: typeof asset.sha256 === 'string' ? asset.sha256 : null, type: typeof asset.type === 'string' ? asset.type : null };
  };

  /** Per language; a plain string on one side stands for every language of the other. */
  const texts = (item: string | null, title: Title, field: string, va: unknown, vb: unknown) => {
    if (!isObj(va) && !isObj(vb)) {
      if (va !== vb) changes.push({ kind: 'text', item, title, field, language: null, before: shown(va), after: shown(vb) });
      return;
    }
    const ma = isObj(va) ? (va as Record<string, string>) : {};
    const mb = isObj(vb) ? (vb as Record<string, string>) : {};
    for (const language of [...new Set([...Object.keys(ma), ...Object.keys(mb)])]) {
      const x = ma[language] ?? (typeof va === 'string' ? va : undefined);
      const y = mb[language] ?? (typeof vb === 'string' ? vb : undefined);
      if (x !== y) changes.push({ kind: 'text', item, title, field, language, before: x ?? null, after: y ?? null });
    }
  };

  /** Walks one item's value at `field`, down to texts and plain settings. */
  const walk = (item: string, title: Title, field: string, va: unknown, vb: unknown) => {
    if (same(va, vb)) return;
    if ((va === undefined || isText(va)) && (vb === undefined || isText(vb))) return texts(item, title, field, va, vb);
    if (isObj(va) && isObj(vb)) {
      for (const k of [...new Set([...Object.keys(va), ...Object.keys(vb)])]) walk(item, title, `${field}.${k}`, va[k], vb[k]);
      return;
    }
    if (Array.isArray(va) && Array.isArray(vb) && va.length === vb.length) {
      va.forEach((x, i) => walk(item, title, `${field}.${i}`, x, vb[i]));
      return;
    }
    changes.push({ kind: 'field', item, title, field, before: shown(va), after: shown(vb) });
  };

  const mediaChange = (item: string, title: Title, field: string, x: ReturnType<typeof media>, y: ReturnType<typeof media>) => {
    if (x?.sha256 === y?.sha256 && x?.asset === y?.asset) return;
    const change = !x ? 'added' : !y ? 'removed' : 'changed';
    changes.push({ kind: 'media', item, title, field, change, before: x, after: y });
  };

  // Top-level parts other than items, loops and the schedule: the title as a text, the rest by name.
  for (const part of [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !NOT_CONTENT.has(k))) {
    if (same(a[part], b[part])) continue;
    if (part === 'title') texts(null, null, 'title', a.title, b.title);
    else changes.push({ kind: 'other', part });
  }

  const itemsA = obj(a.items);
  const itemsB = obj(b.items);
  for (const id of [...new Set([...Object.keys(itemsA), ...Object.keys(itemsB)])]) {
    const x = itemsA[id];
    const y = itemsB[id];
    const title = (itemTitle(y ?? x, y ? b.assets : a.assets, () => undefined) ?? null) as Title;
    if (x === undefined) changes.push({ kind: 'itemAdded', item: id, title });
    else if (y === undefined) changes.push({ kind: 'itemRemoved', item: id, title });
    else {
      const ix = obj(x);
      const iy = obj(y);
      for (const k of [...new Set([...Object.keys(ix), ...Object.keys(iy)])]) {
        if (k === 'asset') mediaChange(id, title, 'asset', media(a.assets, ix.asset), media(b.assets, iy.asset));
        else if (k === 'subtitles') {
          const sx = obj(ix.subtitles);
          const sy = obj(iy.subtitles);
          for (const lang of [...new Set([...Object.keys(sx), ...Object.keys(sy)])]) mediaChange(id, title, `subtitles.${lang}`, media(a.assets, sx[lang]), media(b.assets, sy[lang]));
        } else walk(id, title, k, ix[k], iy[k]);
      }
    }
  }

  const seqA = obj(a.sequences);
  const seqB = obj(b.sequences);
  const list = (s: unknown) => (Array.isArray(obj(s).items) ? (obj(s).items as unknown[]).map(String) : []);
  for (const id of [...new Set([...Object.keys(seqA), ...Object.keys(seqB)])]) {
    if (!same(list(seqA[id]), list(seqB[id]))) changes.push({ kind: 'loop', sequence: id, before: list(seqA[id]), after: list(seqB[id]) });
  }

  const schedA = obj(a.schedule);
  const schedB = obj(b.schedule);
  const entries = (s: Raw) => new Map((Array.isArray(s.entries) ? s.entries : []).map((e, i) => [typeof obj(e).id === 'string' ? (obj(e).id as string) : `#${i + 1}`, obj(e)] as const));
  const ea = entries(schedA);
  const eb = entries(schedB);
  for (const id of [...new Set([...ea.keys(), ...eb.keys()])]) {
    const x = ea.get(id);
    const y = eb.get(id);
    if (!x) changes.push({ kind: 'schedule', entry: id, change: 'added', fields: [] });
    else if (!y) changes.push({ kind: 'schedule', entry: id, change: 'removed', fields: [] });
    else {
      const fields = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => !same(x[k], y[k]));
      if (fields.length) changes.push({ kind: 'schedule', entry: id, change: 'changed', fields });
    }
  }
  for (const k of [...new Set([...Object.keys(schedA), ...Object.keys(schedB)])]) {
    if (k !== 'entries' && !same(schedA[k], schedB[k])) changes.push({ kind: 'other', part: `schedule.${k}` });
  }
  return changes;
}
