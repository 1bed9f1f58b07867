/**
 * A page that runs the kiosk on its own against a local API (the core's, or
 * the e2e fixture server): GET /api/state, /media/*, POST /api/events. The
 * attract loop here is a still placeholder; the real player puts its
 * playback inside <KioskLayer>.
 */
import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseJson, parseUnknown } from '../../playlists/parse.ts';
import { PlayerState } from '../../playlists/schemas/local-api.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import type { InteractionEvent } from '../../playlists/schemas/reports.ts';
import { languageChain, pickLocalized } from '../i18n/pick.ts';
import { playerScreenText } from '../i18n/screens.ts';
import { KioskLayer } from './index.ts';

// One post at a time, so the core stores events in the order visitors made them.
let posting: Promise<unknown> = Promise.resolve();
function postEvent(event: InteractionEvent): void {
  const body = JSON.stringify(event);
  posting = posting
    .then(() => fetch('/api/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body, keepalive: true }))
    .catch((error: unknown) => console.error('event not delivered', error));
}

function AttractLoop({ playlist, media, language }: { playlist: Playlist; media: Record<string, string>; language: string }): ReactNode {
  const image = Object.entries(playlist.assets).find(([id, a]) => a.type.startsWith('image/') && media[id])?.[0];
  const title = playlist.kiosk ? pickLocalized(playlist.kiosk.home.title, languageChain(null, language)) : null;
  return (
    <div data-testid="attract-loop" style={{ position: 'fixed', inset: 0, background: '#0b3d2e' }}>
      {image && <img src={media[image]} alt="" style={{ width: '100%', height: '100%', objectFit: 'cover' }} />}
      {title && <span hidden lang={title.lang}>{title.text}</span>}
    </div>
  );
}

function Harness(): ReactNode {
  const [state, setState] = useState<PlayerState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch('/api/state')
      .then((r) => r.json())
      .then((json: unknown) => setState(parseUnknown(PlayerState, json, 'player state')))
      .catch((e: unknown) => setError(String(e)));
  }, []);
  if (error) return <p role="alert">{error}</p>;
  if (!state) return null;
  const chain = languageChain(null, state.language);
  if (state.phase !== 'ready' || !state.playlist) {
    const screen = playerScreenText(state.phase === 'pairing' ? 'pairing' : 'preparing', chain, state);
    return <main style={{ color: '#fff', padding: '2em' }}><h1>{screen.title}</h1>{screen.lines.map((l) => <p key={l}>{l}</p>)}</main>;
  }
  const playlist = parseJson(Playlist, state.playlist.payload, 'playlist');
  const wanted = new URL(location.href).searchParams.get('display');
  const display = state.displays.find((d) => d.id === wanted) ?? state.displays[0]!;
  const language = playlist.defaults.language ?? state.language;
  return (
    <KioskLayer playlist={playlist} display={display} language={language} media={state.media} postEvent={postEvent}>
      <AttractLoop playlist={playlist} media={state.media} language={language} />
    </KioskLayer>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
