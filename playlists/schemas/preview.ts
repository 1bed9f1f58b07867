import { z } from 'zod';
import { Instant } from './common.ts';
import { PlayerState } from './local-api.ts';

/**
 * The studio's preview: the renderer bundle, loaded by the hub at
 * /preview/?preview=1&display=D in an iframe of the studio, takes its state
 * from its parent (same origin only) instead of the core's local API.
 *
 *   renderer → parent  { type: 'pano-preview-ready' }      once loaded, and asks again on reload
 *   parent → renderer  PreviewMessage                       the player state to show, and the
 *                                                           wall-clock instant the preview starts at
 *
 * `state.playlist.payload` is the draft composed by the hub (unsigned) and
 * `state.media` points at the hub's /media/<sha256>, read with the operator's
 * session. The renderer posts no play events in this mode.
 */
export const PREVIEW_READY = 'pano-preview-ready';

export const PreviewMessage = z.strictObject({
  type: z.literal('pano-preview'),
  state: PlayerState,
  /** The clock starts here and runs on from it. */
  at: Instant,
});
export type PreviewMessage = z.infer<typeof PreviewMessage>;
