/**
 * Edits of a channel draft as plain JSON. Every edit copies only the path it
 * changes and keeps every key where it was, so fields the forms do not know
 * (and the expert's key order) survive any number of form edits.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Path = readonly (string | number)[];

export function getIn(value: unknown, path: Path): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** value with `path` set; `undefined` removes the key (array slots are removed too). */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = value.slice();
    const i = Number(key);
    if (rest.length === 0 && next === undefined) copy.splice(i, 1);
    else copy[i] = setIn(copy[i], rest, next);
    return copy as T;
  }
  const base = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const child = setIn(base[key], rest, next);
  if (child === undefined && rest.length === 0) {
    const { [key]: _gone, ...kept } = base;
    return kept as T;
  }
  // Spreading keeps the key's position when it exists; a new key goes last.
  return { ...base, [key]: child } as T;
}

export function updateIn<T, V>(value: T, path: Path, fn: (current: V | undefined) => unknown): T {
  return setIn(value, path, fn(getIn(value, path) as V | undefined));
}

/** Moves one element of a list (drag to reorder). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = list.slice();
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(Math.max(0, Math.min(to, copy.length)), 0, item);
  return copy;
}

/**
 * A readable id from a title: Vietnamese marks dropped (đ → d), lower case,
 * words joined by "-", e.g. "Cua Năm Căn – mùa 2026" → "cua-nam-can-mua-2026";
 * made unique against `taken` with -2, -3…
 */
export function slugId(title: string, taken: Iterable<string>, fallback = 'item'): string {
  const base =
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || fallback;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
