import { channel } from 'node:diagnostics_channel';

/**
 * Crash-window markers: the moments a kill -9 is most likely to tear
 * something (a download in flight, the rename into the cache, an outbox
 * write + fsync). The crash harness (test/crash) subscribes to learn where
 * its kills landed; with no subscriber a publish costs one property check.
 */
export type Phase = 'download' | 'rename' | 'append';
export const PHASE_CHANNEL = 'pano:phase';
const phases = channel(PHASE_CHANNEL);

export function phase(name: Phase, edge: 'start' | 'end', id: string): void {
  if (phases.hasSubscribers) phases.publish({ name, edge, id });
}
