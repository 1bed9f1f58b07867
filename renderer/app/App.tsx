import { useCallback, useEffect, useMemo } from 'react';
import type { LanguageMode } from '../../playlists/schemas/items.ts';
import { parseUnknown } from '../../playlists/parse.ts';
import { DisplayConfig, type PlayerState } from '../../playlists/schemas/local-api.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import { PlayEvent } from '../../playlists/schemas/reports.ts';
import { bilingualDefault, languageChain, languagesFor } from '../i18n/index.ts';
import { KioskLayer, kioskFor } from '../kiosk/index.ts';
import { makeSlot } from '../playback/make-slot.tsx';
import { setMasterVolume } from '../playback/master-volume.ts';
import type { EngineDeps, PlayReport } from '../playback/zone-engine.ts';
import { PairingView } from '../views/PairingView.tsx';
import { PreparingView } from '../views/PreparingView.tsx';
import { now } from './clock.ts';
import { DisplayView } from './DisplayView.tsx';
import { newId, postEvent } from './events.ts';
import { PREVIEW, usePreviewApi } from './preview.ts';
import { useLocalApi } from './useLocalApi.ts';
import { usePlan } from './usePlan.ts';

/** The display this window shows: `/?display=<id>`, else the core's first display. */
function displayOf(state: PlayerState): DisplayConfig {
  const wanted = new URLSearchParams(location.search).get('display');
  const found = state.displays.find((d) => d.id === wanted) ?? state.displays[0]!;
  return parseUnknown(DisplayConfig, found, 'display config');
}

// The studio's preview frame takes its state from the studio and reports nothing (no play events).
const useApi = PREVIEW ? usePreviewApi : useLocalApi;
const post: typeof postEvent = PREVIEW ? () => undefined : postEvent;

export function App() {
  const { state, playlist } = useApi();
  if (!state) return <div className="brand brand-loading" data-view="loading" />;
  if (state.phase === 'pairing') return <PairingView state={state} />;
  if (state.phase === 'preparing' || !playlist) return <PreparingView state={state} />;
  return <Ready state={state} playlist={playlist} />;
}

function Ready({ state, playlist }: { state: PlayerState; playlist: Playlist }) {
  const displayKey = JSON.stringify(displayOf(state));
  const display = useMemo(() => JSON.parse(displayKey) as DisplayConfig, [displayKey]);
  const plan = usePlan(playlist, state.timeZone, display, state.operatingHours);
  const screenLanguage = state.language;
  // The page declares the screen's language (index.html also says translate="no"), so no browser guesses and offers a translation.
  useEffect(() => {
    document.documentElement.lang = screenLanguage;
  }, [screenLanguage]);
  useEffect(() => setMasterVolume((state.volume ?? 100) / 100), [state.volume]);

  const chainsFor = useCallback(
    (mode: LanguageMode | undefined, pass: number, bilingual = false) => {
      const chain = languageChain(screenLanguage, playlist.defaults.language);
      return languagesFor({ languages: mode }, pass, chain, playlist.defaults.languages ?? (bilingual ? bilingualDefault(chain) : undefined));
    },
    [playlist, screenLanguage],
  );

  const report = useCallback(
    (r: PlayReport) => {
      const event = {
        type: 'play',
        playId: r.playId,
        phase: r.phase,
        channel: r.res.channel,
        playlistVersion: r.res.playlistVersion,
        display: display.id,
        zone: r.zone,
        itemId: r.res.id,
        kind: r.res.item.kind,
        ...(r.res.sha256 ? { assetSha256: r.res.sha256 } : {}),
        ...(r.entryId !== undefined ? { entryId: r.entryId } : {}),
        ...(r.language !== undefined ? { language: r.language } : {}),
        at: now().toISOString(),
        ...(r.ending ? { outcome: r.ending.outcome, ...(r.ending.reason ? { reason: r.ending.reason.slice(0, 500) } : {}) } : {}),
      };
      post(parseUnknown(PlayEvent, event, 'play event'));
    },
    [display.id],
  );

  const mediaKey = JSON.stringify(state.media);
  const deps: Omit<EngineDeps, 'zone'> = useMemo(() => {
    const media = JSON.parse(mediaKey) as Record<string, string>;
    const mediaUrl = (id: string) => media[id];
    return {
      makeSlot: (res, pass, startAt) => makeSlot(res, pass, startAt, { zone: 'main', mediaUrl, now, chainsFor }),
      report,
      newId,
      languageOf: (res, pass) => (res.item.kind === 'slide' || res.item.kind === 'ticker' ? chainsFor(res.item.languages, pass, res.item.kind === 'slide')[0]?.[0] : undefined),
    };
  }, [mediaKey, report, chainsFor]);

  if (!plan) return <PreparingView state={state} />;
  const content = <DisplayView plan={plan} playlist={playlist} state={state} deps={deps} chainsFor={chainsFor} />;
  if (plan.kind === 'black' || !kioskFor(playlist, display)) return content;
  // Touch kiosks: the schedule's content is the attract loop under the kiosk's pages.
  // A visitor's texts fall back to English, then to this screen's own language (its config,
  // not the playlist's), as kiosk.fallback says; the screen returns to it when the visitor leaves.
  return (
    <KioskLayer playlist={playlist} display={display} language={screenLanguage} media={state.media} postEvent={post}>
      {content}
    </KioskLayer>
  );
}
