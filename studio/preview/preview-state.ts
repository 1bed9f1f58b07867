import type { PlayerState } from '../../playlists/schemas/local-api.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';

export interface PreviewDisplay {
  id: string;
  orientation: 'landscape' | 'portrait';
  touch: boolean;
}

/** The player state the preview frame shows: the composed draft, the hub's media URLs, the chosen display and language. */
export function previewState(playlist: Playlist, display: PreviewDisplay, language: string, timeZone: string): PlayerState {
  const media: Record<string, string> = {};
  const assetHashes: Record<string, string> = {};
  for (const [id, asset] of Object.entries(playlist.assets)) {
    media[id] = asset.urls[0]!;
    assetHashes[id] = asset.sha256;
  }
  return {
    deviceId: 'preview',
    phase: 'ready',
    playlist: { channel: playlist.channel, version: playlist.version, payload: JSON.stringify(playlist), expired: false },
    media,
    assetHashes,
    progress: { assetsReady: 0, assetsTotal: 0, bytesDone: 0, bytesTotal: 0 },
    timeZone,
    language,
    displays: [display],
    clockOffsetMs: 0,
    pairing: null,
    lastError: null,
    reloadToken: 0,
  };
}

/**
 * Display roles to preview: main, every role the fleet's screens have, and
 * the kiosk's, which are touch displays here whatever the fleet says (the
 * kiosk shows only on a touch display, and the preview is there to tap it). A
 * kiosk for every display (no `displays`) with no touch display in the fleet
 * gets a portrait touch display "kiosk" to preview it on.
 */
export function previewDisplays(devices: readonly { displays: PreviewDisplay[] }[], kiosk?: { displays?: readonly string[] }): PreviewDisplay[] {
  const out = new Map<string, PreviewDisplay>([['main', { id: 'main', orientation: 'landscape', touch: false }]]);
  for (const d of devices) for (const x of d.displays) if (!out.has(x.id)) out.set(x.id, x);
  if (!kiosk) return [...out.values()];
  const touch = kiosk.displays ?? ([...out.values()].some((d) => d.touch) ? [] : ['kiosk']);
  for (const id of touch) out.set(id, { id, orientation: out.get(id)?.orientation ?? 'portrait', touch: true });
  return [...out.values()];
}
