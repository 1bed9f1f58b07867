import { useState } from 'react';
import { KIOSK_LANGUAGES } from '../../../playlists/schemas/kiosk.ts';
import { Check } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useEditor } from '../context.tsx';
import { getIn } from '../draft-ops.ts';
import { completeness, languageName } from '../languages.ts';

/**
 * The languages visitors may pick. Offering one whose kiosk texts are not all
 * written needs an explicit "offer anyway": visitors would read a mix.
 */
export function VisitorLanguages() {
  const { t, lang } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const offered = (getIn(draft, ['kiosk', 'languages']) as string[] | undefined) ?? [...KIOSK_LANGUAGES];
  const all = [...new Set([...KIOSK_LANGUAGES, ...offered])];
  const count = completeness(draft.kiosk, all);
  const [asking, setAsking] = useState<string | null>(null);
  const write = (next: string[]) => set(['kiosk', 'languages'], next);
  const toggle = (l: string, on: boolean) => {
    if (!on) return write(offered.filter((x) => x !== l));
    if ((count.have[l] ?? 0) < count.total) return setAsking(l);
    write([...offered, l]);
  };
  return (
    <fieldset className="group-box">
      <legend>{t('kiosk.languages')}</legend>
      <p className="hint">{t('kiosk.languagesHint')}</p>
      <div className="checks">
        {all.map((l) => (
          <Check
            key={l}
            disabled={!canEdit}
            label={t('kiosk.languageCount', { language: languageName(l, lang), have: count.have[l] ?? 0, total: count.total })}
            checked={offered.includes(l)}
            onChange={(on) => toggle(l, on)}
          />
        ))}
      </div>
      {asking && (
        <div className="confirm" role="alertdialog" aria-labelledby="incomplete-h" aria-describedby="incomplete-p">
          <h3 id="incomplete-h">{t('kiosk.incompleteTitle', { language: languageName(asking, lang) })}</h3>
          <p id="incomplete-p">{t('kiosk.incompleteText', { missing: count.total - (count.have[asking] ?? 0), total: count.total })}</p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                write([...offered, asking]);
                setAsking(null);
              }}
            >
              {t('kiosk.offerAnyway')}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </fieldset>
  );
}
