import { useEffect, useRef, useState } from 'react';
import { parseJson, parseUnknown } from '../../playlists/parse.ts';
import { PlayerState } from '../../playlists/schemas/local-api.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { setClockOffset } from './clock.ts';

export interface LocalApi {
  state: PlayerState | null;
  playlist: Playlist | null;
  /** Why the state or playlist could not be used (shown nowhere on screen; kept for diagnostics). */
  error: string | null;
}

/**
 * The player state from the core: GET /api/state once, then every change over
 * SSE. The playlist payload is parsed with the same schema the core verified.
 */
export function useLocalApi(): LocalApi {
  const [api, setApi] = useState<LocalApi>({ state: null, playlist: null, error: null });
  const parsed = useRef<{ key: string; playlist: Playlist } | null>(null);
  const firstReload = useRef<number | null>(null);

  useEffect(() => {
    let closed = false;
    const accept = (raw: unknown) => {
      if (closed) return;
      try {
        const state = parseUnknown(PlayerState, raw, 'player state');
        if (firstReload.current === null) firstReload.current = state.reloadToken;
        else if (state.reloadToken !== firstReload.current) {
          location.reload();
          return;
        }
        setClockOffset(state.clockOffsetMs);
        let playlist: Playlist | null = null;
        if (state.playlist) {
          const key = `${state.playlist.channel}:${state.playlist.version}:${state.playlist.payload.length}`;
          if (parsed.current?.key !== key) parsed.current = { key, playlist: parseJson(Playlist, state.playlist.payload, 'playlist') };
          playlist = parsed.current.playlist;
        }
        setApi({ state, playlist, error: null });
      } catch (error) {
        // Keep playing what we had: a bad update must never blank the screen.
        setApi((prev) => ({ ...prev, error: (error as Error).message }));
      }
    };
    void fetch('/api/state')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`GET /api/state: HTTP ${r.status}`))))
      .then(accept, (e: Error) => !closed && setApi((prev) => ({ ...prev, error: e.message })));
    const stream = new EventSource('/api/state/stream');
    stream.addEventListener('state', (e) => {
      try {
        accept(JSON.parse((e as MessageEvent<string>).data));
      } catch (error) {
        setApi((prev) => ({ ...prev, error: (error as Error).message }));
      }
    });
    return () => {
      closed = true;
      stream.close();
    };
  }, []);
  return api;
}
