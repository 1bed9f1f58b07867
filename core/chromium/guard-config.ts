import { z } from 'zod';

const Ms = z.int().min(1);
const MB = 1024 * 1024;

/**
 * The renderer memory guard's settings (core config `rendererGuard`;
 * docs/renderer.md, "Memory over months"). Defaults: a page measured at
 * +3.8 to +14.3 MB/h takes 36 to 135 days to grow 512 MB, so the growth limit
 * fires on a real leak only; 1.5 GB bounds the renderer on a 4–8 GB signage PC
 * whatever its baseline (set it lower on a 2 GB board).
 */
export const RendererGuardConfig = z.strictObject({
  enabled: z.boolean().default(true),
  /** How often the Chromium process trees are read from /proc (a few files per process; cheap). */
  checkEveryMs: Ms.default(60_000),
  /** The baseline is the page's renderer after the screen has been open this long in a fresh run. */
  baselineAfterMs: Ms.default(10 * 60_000),
  /** The renderer may grow this much above its baseline… */
  growthMb: z.number().min(0).default(512),
  /** …and never past this, unless its own baseline is already above (then baseline + growth). */
  absoluteMb: z.number().min(1).default(1536),
  /** The whole browser (GPU process, utilities, all renderers) may grow this much above its baseline. */
  browserGrowthMb: z.number().min(0).default(1024),
  /** A fresh start in closed hours once a run is this old (only screens with closed hours ever have one). */
  dailyRestart: z.boolean().default(true),
  dailyAfterMs: Ms.default(20 * 3_600_000),
  /** Closed hours are used only when the screen stays closed at least this long: Chromium and the page start well within it. */
  minClosedMs: Ms.default(2 * 60_000),
  /** A closed period this close is waited for; a screen with none restarts at an item end instead. */
  closedHorizonMs: Ms.default(24 * 3_600_000),
  /** With no item ending this long (one long live stream, a kiosk in use), the 24-hour screen restarts anyway. */
  itemEndWaitMs: Ms.default(30 * 60_000),
});
export type RendererGuardConfig = z.infer<typeof RendererGuardConfig>;
export const DEFAULT_GUARD: RendererGuardConfig = RendererGuardConfig.parse({});

/** The renderer's limit in bytes for a run with this baseline (null: not measured yet). */
export function rendererLimitBytes(cfg: RendererGuardConfig, baselineBytes: number | null): number {
  const absolute = cfg.absoluteMb * MB;
  if (baselineBytes === null) return absolute;
  const grown = baselineBytes + cfg.growthMb * MB;
  // A page that needs more than the cap from the start is not leaking: restarting it would only loop.
  return baselineBytes >= absolute ? grown : Math.min(grown, absolute);
}
