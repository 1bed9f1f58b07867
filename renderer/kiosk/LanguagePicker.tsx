import type { ReactNode } from 'react';
import { nativeLanguageName } from '../i18n/ui.ts';
import { pickerLanguages } from './active.ts';
import { useKiosk } from './context.tsx';

/** Full-screen grid of languages, each named in itself. */
export function LanguagePicker({ screenDefault, current, onPick, onClose }: {
  screenDefault: string;
  current: string;
  onPick: (lang: string) => void;
  onClose: () => void;
}): ReactNode {
  const { kiosk, t } = useKiosk();
  return (
    <div className="pano-overlay" role="dialog" aria-modal="true" aria-labelledby="pano-language-title" data-testid="kiosk-languages">
      <div className="pano-dialog pano-dialog-wide">
        <h2 id="pano-language-title">{t('languageTitle')}</h2>
        <ul className="pano-language-grid">
          {pickerLanguages(kiosk, screenDefault).map((lang) => (
            <li key={lang}>
              <button
                type="button"
                lang={lang}
                className={`pano-button pano-language${lang === current ? ' pano-language-current' : ''}`}
                aria-pressed={lang === current}
                data-lang={lang}
                onClick={() => onPick(lang)}
              >
                {nativeLanguageName(lang)}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="pano-button pano-button-quiet" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
