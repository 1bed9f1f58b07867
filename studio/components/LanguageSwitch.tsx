import { STUDIO_LANGS, useI18n, type StudioLang } from '../i18n/index.tsx';

/** vi / en, each named in its own language (an operator who cannot read the other still finds theirs). */
export function LanguageSwitch({ onChange }: { onChange(lang: StudioLang): void }) {
  const { t, lang } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.choose')}>
      {STUDIO_LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => onChange(l)}>
          {t(l === 'vi' ? 'lang.vi.native' : 'lang.en.native')}
        </button>
      ))}
    </div>
  );
}
