/**
 * Typed events, hls.js style: one map from event name to payload, so a
 * listener's argument is checked against what the emitter sends.
 */
export class Emitter<M extends object> {
  private readonly listeners = new Map<keyof M, Set<(data: never) => void>>();

  on<K extends keyof M>(event: K, fn: (data: M[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as (data: never) => void);
    return () => set.delete(fn as (data: never) => void);
  }

  emit<K extends keyof M>(event: K, data: M[K]): void {
    for (const fn of this.listeners.get(event) ?? []) {
      try {
        (fn as (data: M[K]) => void)(data);
      } catch (error) {
        // A faulty listener must not stop the player; surface it on stderr.
        console.error(`listener for ${String(event)} failed:`, error);
      }
    }
  }
}
