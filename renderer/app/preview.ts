import { useEffect, useState } from 'react';
import { parseJson, parseUnknown } from '../../playlists/parse.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { PREVIEW_READY, PreviewMessage } from '../../playlists/schemas/preview.ts';
import { setClockOffset } from './clock.ts';
import type { LocalApi } from './useLocalApi.ts';

/** `/preview/?preview=1`: the studio's preview frame (playlists/schemas/preview.ts). */
export const PREVIEW = typeof window !== 'undefined' && new URLSearchParams(window.location.search).get('preview') === '1' && window.parent !== window;

/** Only the page that framed us, from our own origin, may drive the preview. */
export function acceptPreview(event: Pick<MessageEvent, 'origin' | 'source' | 'data'>, win: Window = window): PreviewMessage | null {
  if (event.origin !== win.location.origin || event.source !== win.parent) return null;
  const parsed = PreviewMessage.safeParse(event.data);
  return parsed.success ? parsed.data : null;
}

/** The player state from the studio instead of the core: same shape, the clock set to the chosen instant. */
export function usePreviewApi(): LocalApi {
  const [api, setApi] = useState<LocalApi>({ state: null, playlist: null, error: null });
  useEffect(() => {
    document.documentElement.classList.add('preview-mode');
    const onMessage = (event: MessageEvent) => {
      const message = acceptPreview(event);
      if (!message) return;
      try {
        const state = parseUnknown(PreviewMessage.shape.state, message.state, 'preview state');
        setClockOffset(Date.parse(message.at) - Date.now());
        // A new playlist object on every message: the plan is worked out again at the new
        // instant (the app's plan only changes with its playlist or at a scheduled change).
        const payload = state.playlist?.payload ?? null;
        setApi({ state, playlist: payload === null ? null : parseJson(Playlist, payload, 'preview playlist'), error: null });
      } catch (error) {
        setApi((prev) => ({ ...prev, error: (error as Error).message }));
      }
    };
    window.addEventListener('message', onMessage);
    window.parent.postMessage({ type: PREVIEW_READY }, location.origin);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return api;
}
