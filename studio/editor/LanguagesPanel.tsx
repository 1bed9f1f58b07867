import { useState } from 'react';
import { KIOSK_LANGUAGES } from '../../playlists/schemas/kiosk.ts';
import { Field } from '../components/Field.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useEditor } from './context.tsx';
import { completeness, languageName } from './languages.ts';

/** Per language: how many of the channel's and the kiosk's texts exist in it. */
export function LanguagesPanel() {
  const { t, lang } = useI18n();
  const editor = useEditor();
  const [add, setAdd] = useState('');
  const channel = completeness({ items: editor.draft.items }, editor.languages);
  const kiosk = completeness(editor.draft.kiosk, editor.languages);
  const addable = KIOSK_LANGUAGES.filter((l) => !editor.languages.includes(l));
  return (
    <section className="panel" aria-labelledby="lang-h">
      <h2 id="lang-h">{t('languages.title')}</h2>
      <p className="muted">{t('languages.lead')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('languages.language')}</th>
            <th scope="col">{t('languages.channel')}</th>
            <th scope="col">{t('languages.kiosk')}</th>
          </tr>
        </thead>
        <tbody>
          {editor.languages.map((l) => (
            <tr key={l} data-lang={l}>
              <th scope="row">{languageName(l, lang)}</th>
              <td className={channel.have[l] === channel.total ? 'ok' : 'warn'}>{t('languages.count', { have: channel.have[l] ?? 0, total: channel.total })}</td>
              <td className={kiosk.have[l] === kiosk.total ? 'ok' : 'warn'}>{t('languages.count', { have: kiosk.have[l] ?? 0, total: kiosk.total })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {editor.canEdit && addable.length > 0 && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (add) editor.addLanguage(add);
            setAdd('');
          }}
        >
          <Field label={t('languages.add')} hint={t('languages.addHint')}>
            {(c) => (
              <select {...c} value={add} onChange={(e) => setAdd(e.target.value)}>
                <option value="">{t('loops.choose')}</option>
                {addable.map((l) => (
                  <option key={l} value={l}>
                    {languageName(l, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit">{t('languages.addButton')}</button>
        </form>
      )}
    </section>
  );
}
