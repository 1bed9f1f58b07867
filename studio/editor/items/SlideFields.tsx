import { useI18n } from '../../i18n/index.tsx';
import { useEditor } from '../context.tsx';
import { LocalizedAt, MediaAt, TextAt } from '../controls.tsx';
import { getIn, type Path } from '../draft-ops.ts';
import { InstantAt } from './more-controls.tsx';

/** The fields of each slide template (docs/playlist-format.md, "Slide templates"). */
export function SlideFields({ base, template }: { base: Path; template: string }) {
  const { t } = useI18n();
  const f = [...base, 'fields'];
  switch (template) {
    case 'headline':
      return (
        <>
          <LocalizedAt path={[...f, 'title']} label={t('slide.title')} />
          <LocalizedAt path={[...f, 'subtitle']} label={t('slide.subtitle')} optional />
          <MediaAt path={[...f, 'image']} label={t('slide.image')} kind="image" optional />
        </>
      );
    case 'fact-card':
      return (
        <>
          <LocalizedAt path={[...f, 'title']} label={t('slide.title')} />
          <Facts path={[...f, 'facts']} />
          <MediaAt path={[...f, 'image']} label={t('slide.image')} kind="image" optional />
          <LocalizedAt path={[...f, 'source']} label={t('slide.source')} optional />
        </>
      );
    case 'product-card':
      return (
        <>
          <LocalizedAt path={[...f, 'name']} label={t('slide.name')} />
          <MediaAt path={[...f, 'image']} label={t('slide.image')} kind="image" />
          <LocalizedAt path={[...f, 'description']} label={t('slide.description')} optional multiline />
          <LocalizedAt path={[...f, 'origin']} label={t('slide.origin')} optional />
          <LocalizedAt path={[...f, 'badge']} label={t('slide.badge')} optional />
          <LocalizedAt path={[...f, 'price']} label={t('slide.price')} optional />
        </>
      );
    case 'event-countdown':
      return (
        <>
          <LocalizedAt path={[...f, 'title']} label={t('slide.title')} />
          <InstantAt path={[...f, 'eventAt']} label={t('slide.eventAt')} />
          <LocalizedAt path={[...f, 'place']} label={t('slide.place')} optional />
          <MediaAt path={[...f, 'image']} label={t('slide.image')} kind="image" optional />
          <LocalizedAt path={[...f, 'afterText']} label={t('slide.afterText')} optional />
        </>
      );
    case 'qr-cta':
      return (
        <>
          <LocalizedAt path={[...f, 'title']} label={t('slide.title')} />
          <TextAt path={[...f, 'url']} label={t('slide.url')} inputMode="url" />
          <LocalizedAt path={[...f, 'text']} label={t('slide.text')} optional />
          <LocalizedAt path={[...f, 'caption']} label={t('slide.caption')} optional />
        </>
      );
    default:
      return null;
  }
}

function Facts({ path }: { path: Path }) {
  const { t } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const facts = (getIn(draft, path) as unknown[] | undefined) ?? [];
  return (
    <fieldset className="group-box">
      <legend>{t('slide.facts')}</legend>
      {facts.map((_, i) => (
        <div key={i} className="sub-item">
          <LocalizedAt path={[...path, i, 'value']} label={t('slide.factValue', { n: i + 1 })} />
          <LocalizedAt path={[...path, i, 'label']} label={t('slide.factLabel', { n: i + 1 })} />
          {canEdit && facts.length > 1 && (
            <button type="button" onClick={() => set([...path, i], undefined)}>
              {t('common.remove')}
            </button>
          )}
        </div>
      ))}
      {canEdit && facts.length < 6 && (
        <button type="button" onClick={() => set(path, [...facts, { value: '', label: '' }])}>
          {t('slide.addFact')}
        </button>
      )}
    </fieldset>
  );
}
