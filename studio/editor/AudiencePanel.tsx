import { Check, Field } from '../components/Field.tsx';
import { issueText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { issuesAt, useEditor } from './context.tsx';
import { getIn } from './draft-ops.ts';

/** Which screens may adopt this channel: all, chosen screens (by name), screens with a tag. */
export function AudiencePanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const { draft, set, devices, canEdit, issues } = useEditor();
  const audience = (getIn(draft, ['audience']) ?? {}) as { all?: boolean; devices?: string[]; tags?: string[] };
  const chosen = audience.devices ?? [];
  const tags = [...new Set(devices.flatMap((d) => d.tags))].sort();
  const errors = issuesAt(issues, ['audience'], true).map((i) => issueText(i18n, i));
  return (
    <section className="panel form" aria-labelledby="aud-h">
      <h2 id="aud-h">{t('audience.title')}</h2>
      <p className="muted">{t('audience.lead')}</p>
      <Check disabled={!canEdit} label={t('audience.all')} checked={audience.all === true} onChange={(on) => set(['audience', 'all'], on)} />
      <fieldset className="group-box">
        <legend>{t('audience.screens')}</legend>
        {devices.length === 0 && <p className="hint">{t('audience.noScreens')}</p>}
        <div className="checks">
          {devices.map((d) => (
            <Check
              key={d.id}
              disabled={!canEdit}
              label={d.name}
              checked={chosen.includes(d.id)}
              onChange={(on) => set(['audience', 'devices'], on ? [...chosen, d.id] : chosen.filter((x) => x !== d.id))}
            />
          ))}
        </div>
      </fieldset>
      <Field label={t('audience.tags')} hint={tags.length ? t('audience.knownTags', { tags: tags.join(', ') }) : t('audience.tagsHint')}>
        {(c) => (
          <input
            {...c}
            readOnly={!canEdit}
            value={(audience.tags ?? []).join(', ')}
            onChange={(e) => set(['audience', 'tags'], e.target.value.split(',').map((s) => s.trim()).filter(Boolean))}
          />
        )}
      </Field>
      {errors.length > 0 && (
        <p className="field-error" role="alert">
          {errors.join(' ')}
        </p>
      )}
    </section>
  );
}
