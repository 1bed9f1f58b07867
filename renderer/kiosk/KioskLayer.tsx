import { useCallback, useMemo, useRef, useState, type PointerEvent, type ReactNode } from 'react';
import type { DisplayConfig } from '../../playlists/schemas/local-api.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import { InteractionEvent } from '../../playlists/schemas/reports.ts';
import { parseUnknown } from '../../playlists/parse.ts';
import { visitorChain } from '../i18n/pick.ts';
import { uiLanguage, uiText } from '../i18n/ui.ts';
import '../fonts/fonts.css';
import './kiosk.css';
import { kioskFor } from './active.ts';
import { AttractOverlay, IdlePrompt, TopBar } from './Chrome.tsx';
import { KioskContext, newEventId, type InteractionAction, type InteractionFields, type KioskContextValue } from './context.tsx';
import { Home } from './Home.tsx';
import { LanguagePicker } from './LanguagePicker.tsx';
import { PageView } from './PageView.tsx';
import { ScrollCue } from './ScrollCue.tsx';
import { pressFeedback } from './press.ts';
import { useIdle } from './useIdle.ts';

export interface KioskLayerProps {
  playlist: Playlist;
  display: DisplayConfig;
  /** The screen's default language. */
  language: string;
  /** asset id → URL on the local API. */
  media: Readonly<Record<string, string>>;
  postEvent(event: InteractionEvent): void;
  now?: () => number;
  /** The attract loop: the scheduled playlist, played while nobody touches the screen. */
  children: ReactNode;
}

/** One visit: everything a visitor changed, dropped as a whole when the kiosk returns to the loop. */
interface Visit {
  /** Page ids, last = shown; empty = home menu. */
  stack: string[];
  language: string | null;
  picking: boolean;
}
const NEW_VISIT: Visit = { stack: [], language: null, picking: false };

/**
 * Touch kiosk around the attract loop: a tap opens the home menu, visitors
 * browse pages in their language, and after idleSeconds plus a visible
 * countdown the loop comes back in the screen's language with the visit gone.
 */
export function KioskLayer(props: KioskLayerProps): ReactNode {
  const { playlist, display, language, media, postEvent, children } = props;
  const now = props.now ?? Date.now;
  const kiosk = kioskFor(playlist, display);
  const [open, setOpen] = useState(false);
  const [visit, setVisit] = useState<Visit>(NEW_VISIT);
  // Bumped on every new visit so page components (quiz, gallery, map) remount with fresh state.
  const [visitNo, setVisitNo] = useState(0);
  const mainRef = useRef<HTMLElement>(null);

  const emit = useCallback(
    (action: InteractionAction, fields: InteractionFields = {}) => {
      const event = { type: 'interaction', id: newEventId(), at: new Date(now()).toISOString(), display: display.id, action, ...fields };
      postEvent(parseUnknown(InteractionEvent, event, 'interaction event'));
    },
    [display.id, now, postEvent],
  );

  const returnToLoop = useCallback(() => {
    setOpen(false);
    setVisit(NEW_VISIT);
    setVisitNo((n) => n + 1);
    emit('idle-return');
  }, [emit]);

  const idle = useIdle({
    active: open && kiosk !== null,
    idleSeconds: kiosk?.idleSeconds ?? 60,
    countdownSeconds: kiosk?.countdownSeconds ?? 10,
    now,
    onExpire: returnToLoop,
  });

  const chain = useMemo(() => visitorChain(visit.language, language, kiosk?.fallback), [visit.language, language, kiosk?.fallback]);
  const context = useMemo<KioskContextValue | null>(() => {
    if (!kiosk) return null;
    const uiLang = uiLanguage(chain);
    return {
      kiosk,
      chain,
      uiLang,
      t: (key, vars) => uiText(key, chain, vars),
      media,
      size: (asset) => {
        const a = playlist.assets[asset];
        return a?.width && a.height ? { width: a.width, height: a.height } : {};
      },
      emit,
      openPage: (page) => {
        if (!kiosk.pages[page]) return;
        setVisit((v) => ({ ...v, picking: false, stack: [...v.stack, page] }));
        emit('page', { page });
      },
    };
  }, [kiosk, chain, media, emit, playlist.assets]);

  if (!kiosk || !context) return children;

  if (!open) {
    const openHome = () => {
      setOpen(true);
      emit('open');
    };
    return (
      <div className="pano-attract">
        {children}
        <AttractOverlay kiosk={kiosk} language={language} onOpen={openHome} />
      </div>
    );
  }

  const page = visit.stack.at(-1);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    pressFeedback.onPointerDownCapture(e);
    if (idle.remaining !== null) emit('continue');
    idle.touch();
  };
  return (
    <KioskContext.Provider value={context}>
      <div
        className="pano-kiosk"
        lang={context.uiLang}
        data-visit={visitNo}
        onPointerDownCapture={onPointerDown}
        onPointerUpCapture={pressFeedback.onPointerUpCapture}
        onPointerCancelCapture={pressFeedback.onPointerCancelCapture}
        onContextMenu={(e) => e.preventDefault()}
        onDragStart={(e) => e.preventDefault()}
      >
        <TopBar
          atHome={page === undefined}
          onHome={() => setVisit((v) => ({ ...v, picking: false, stack: [] }))}
          onBack={() => setVisit((v) => ({ ...v, picking: false, stack: v.stack.slice(0, -1) }))}
          onLanguages={() => setVisit((v) => ({ ...v, picking: true }))}
        />
        <main className={`pano-kiosk-main${page === undefined ? ' pano-kiosk-main-home' : ''}`} key={`${visitNo}:${visit.stack.length}:${page ?? 'home'}`} ref={mainRef}>
          {page === undefined ? <Home /> : <PageView id={page} />}
          <ScrollCue target={mainRef} />
        </main>
        {visit.picking && (
          <LanguagePicker
            screenDefault={language}
            current={chain[0]!}
            onPick={(lang) => {
              setVisit((v) => ({ ...v, language: lang, picking: false }));
              emit('language', { language: lang });
            }}
            onClose={() => setVisit((v) => ({ ...v, picking: false }))}
          />
        )}
        {idle.remaining !== null && <IdlePrompt remaining={idle.remaining} />}
      </div>
    </KioskContext.Provider>
  );
}
