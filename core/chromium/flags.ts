/**
 * Command line for one kiosk Chromium. Quiet on a closed network: no first-run
 * UI, no sync, no update or component checks, no crash bubbles; autoplay
 * without a gesture (signage has no one to click "play"). Nothing but the
 * page on the glass: no scrollbars, and the translate bubble is off in the
 * profile too (profile.ts: Chromium 156 shows it despite the feature flag).
 * A window's visibility never slows playback: a display whose window lies
 * under another (two displays on one monitor, a technician's window) would
 * otherwise be throttled and its videos skipped as stalled.
 */
export interface WindowRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface KioskFlagsInput {
  url: string;
  userDataDir: string;
  /** Where the display is in the desktop, when known (X11: from xrandr). */
  rect?: WindowRect;
  /** Chromium refuses to start as root without --no-sandbox (containers, test boxes). */
  runningAsRoot: boolean;
}

/** Chromium switches that keep a covered, hidden or unfocused window playing at full rate (the Electron shell appends them too). */
export const NEVER_THROTTLED_FLAGS: readonly string[] = [
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
];

export const QUIET_FLAGS: readonly string[] = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-breakpad',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,CertificateTransparencyComponentUpdater,CalculateNativeWinOcclusion,IntensiveWakeUpThrottling',
  '--disable-quic',
  '--metrics-recording-only',
  '--password-store=basic',
  '--check-for-update-interval=31536000',
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
  '--disable-infobars',
  '--hide-crash-restore-bubble',
  // Kiosk: no pinch zoom, no swipe-back out of the player.
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--autoplay-policy=no-user-gesture-required',
  // Playback never throttled by what covers the window, or by the window being hidden.
  ...NEVER_THROTTLED_FLAGS,
  // Scrollable kiosk pages show their own cue, never a desktop scrollbar.
  '--hide-scrollbars',
  // The network service in the browser process, not a utility process of its own: the
  // player only talks to 127.0.0.1, and the process launch delays the page's first
  // request (about 150 ms per start on a 2-core box, docs/benchmarks.md). A crash of
  // it now ends the browser, which the shell restarts like any other crash.
  '--enable-features=NetworkServiceInProcess2',
];

export function kioskFlags(input: KioskFlagsInput): string[] {
  const flags = [
    ...QUIET_FLAGS,
    `--user-data-dir=${input.userDataDir}`,
    // Port 0: Chromium picks a free port and writes it to DevToolsActivePort.
    '--remote-debugging-port=0',
    '--remote-debugging-address=127.0.0.1',
  ];
  if (input.rect) {
    flags.push(`--window-position=${input.rect.x},${input.rect.y}`, `--window-size=${input.rect.width},${input.rect.height}`);
  }
  if (input.runningAsRoot) {
    // --test-type hides the "unsupported flag" bar --no-sandbox would put over the player.
    flags.push('--no-sandbox', '--test-type');
  }
  flags.push('--kiosk', `--app=${input.url}`);
  return flags;
}
