/**
 * The screen's master volume, 0–1, from the hub's signed settings (the local
 * API's `volume`). Every video multiplies its item's own volume by it, and a
 * video already playing follows a change at once: the operator turns a
 * screen down without waiting for the next item.
 */
let master = 1;
const listeners = new Set<() => void>();

export const masterVolume = (): number => master;

export function setMasterVolume(value: number): void {
  const next = Math.min(1, Math.max(0, value));
  if (next === master) return;
  master = next;
  for (const fn of listeners) fn();
}

/** Calls `fn` on every change; returns the unsubscribe. */
export function onMasterVolume(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
