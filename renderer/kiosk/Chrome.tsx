import type { ReactNode } from 'react';
import type { Kiosk } from '../../playlists/schemas/kiosk.ts';
import { languageChain, pickLocalized } from '../i18n/pick.ts';
import { nativeLanguageName, uiLanguage, uiText } from '../i18n/ui.ts';
import { Text, useKiosk } from './context.tsx';
import { GlobeIcon } from './icons.tsx';
import { pressFeedback } from './press.ts';

/**
 * Invisible full-screen target over the attract loop, with a calm hint in
 * the top corner (never over the ticker or the subtitles, which are at the
 * bottom): the screen's language, and English beneath when it differs.
 */
export function AttractOverlay({ kiosk, language, onOpen }: { kiosk: Kiosk; language: string; onOpen: () => void }): ReactNode {
  const chain = languageChain(null, language);
  const title = pickLocalized(kiosk.home.title, chain);
  const hint = uiText('tapToBegin', chain);
  const hintEn = uiText('tapToBegin', ['en']);
  return (
    <button type="button" className="pano-attract-target" lang={uiLanguage(chain)} onClick={onOpen} {...pressFeedback}>
      <span className="pano-attract-hint">
        <span className="pano-attract-title" lang={title.lang}>{title.text}</span>
        <span className="pano-attract-tap">{hint}</span>
        {hintEn !== hint && <span className="pano-attract-tap pano-attract-second" lang="en">{hintEn}</span>}
      </span>
    </button>
  );
}

export function TopBar({ atHome, onHome, onBack, onLanguages }: { atHome: boolean; onHome: () => void; onBack: () => void; onLanguages: () => void }): ReactNode {
  const { kiosk, t, chain } = useKiosk();
  return (
    <header className="pano-topbar">
      <nav className="pano-topbar-nav" aria-label={t('menu')}>
        {!atHome && (
          <>
            <button type="button" className="pano-button pano-button-quiet" data-testid="kiosk-back" onClick={onBack}>
              <span aria-hidden="true">‹</span> {t('back')}
            </button>
            <button type="button" className="pano-button pano-button-quiet" data-testid="kiosk-home" onClick={onHome}>
              {t('home')}
            </button>
          </>
        )}
      </nav>
      <Text as="span" className="pano-topbar-title" text={kiosk.home.title} />
      <button type="button" className="pano-button pano-button-quiet pano-language-button" data-testid="kiosk-language" aria-label={`${nativeLanguageName(chain[0]!)} — ${t('languageTitle')}`} onClick={onLanguages}>
        <GlobeIcon /> <span lang={chain[0]}>{nativeLanguageName(chain[0]!)}</span>
      </button>
    </header>
  );
}

/** The "continue?" prompt with its visible countdown; any touch dismisses it (KioskLayer counts the touch). */
export function IdlePrompt({ remaining }: { remaining: number }): ReactNode {
  const { t } = useKiosk();
  return (
    <div className="pano-overlay" role="alertdialog" aria-modal="true" aria-labelledby="pano-idle-title" data-testid="kiosk-idle">
      <div className="pano-dialog">
        <h2 id="pano-idle-title">{t('continueTitle')}</h2>
        <p className="pano-countdown" aria-live="polite" data-testid="kiosk-countdown" data-remaining={remaining}>
          {t('countdown', { seconds: remaining })}
        </p>
        <button type="button" className="pano-button pano-button-primary" data-testid="kiosk-continue">
          {t('continueButton')}
        </button>
      </div>
    </div>
  );
}
