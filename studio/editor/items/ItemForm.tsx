import { useI18n } from '../../i18n/index.tsx';
import { useEditor } from '../context.tsx';
import { LocalizedAt, MediaAt, NumberAt, SelectAt, TextAt } from '../controls.tsx';
import { getIn, type Path } from '../draft-ops.ts';
import { itemTitle } from '../names.ts';
import { LanguageModeAt, SubtitlesAt, ThemeAt } from './more-controls.tsx';
import { SlideFields } from './SlideFields.tsx';

type Raw = Record<string, unknown>;

/** The form of one item, by kind; every field writes straight into the draft at its own path. */
export function ItemForm({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const editor = useEditor();
  const base: Path = ['items', id];
  const item = getIn(editor.draft, base) as Raw;
  const kind = String(item.kind);
  const fit = <SelectAt path={[...base, 'fit']} label={t('item.fit')} optional={t('fit.contain')} options={[{ value: 'contain', label: t('fit.contain') }, { value: 'cover', label: t('fit.cover') }]} />;
  const volume = <NumberAt path={[...base, 'volume']} label={t('item.volume')} hint={t('item.volumeHint')} optional min={0} max={1} step={0.1} />;
  const usedIn = Object.entries((editor.draft.sequences ?? {}) as Record<string, { items?: string[] }>).filter(([, s]) => s.items?.includes(id)).length;

  return (
    <section className="panel form item-form" aria-labelledby="item-h" data-item-form={id}>
      <h2 id="item-h">{itemTitle(editor.draft, id, lang, editor.media)}</h2>
      <p className="muted">
        {kind === 'slide' ? t(`newKind.${String(item.template) as 'headline'}`) : t(`kind.${kind as 'video'}`)} · {t('item.inLoops', { n: usedIn })}
      </p>
      <LocalizedAt path={[...base, 'title']} label={kind === 'slide' ? t('item.listTitle') : t('item.title')} optional />
      {kind === 'video' && (
        <>
          <MediaAt path={[...base, 'asset']} label={t('item.videoFile')} kind="video" />
          <NumberAt path={[...base, 'duration']} label={t('item.cutAfter')} hint={t('item.cutAfterHint')} optional min={1} />
          {volume}
          {fit}
          <SubtitlesAt base={base} />
        </>
      )}
      {kind === 'image' && (
        <>
          <MediaAt path={[...base, 'asset']} label={t('item.imageFile')} kind="image" />
          <NumberAt path={[...base, 'duration']} label={t('item.duration')} min={1} />
          {fit}
          <LocalizedAt path={[...base, 'alt']} label={t('item.alt')} optional />
        </>
      )}
      {kind === 'hls' && item.mode === 'live' && (
        <>
          <TextAt path={[...base, 'url']} label={t('item.streamUrl')} inputMode="url" />
          <NumberAt path={[...base, 'duration']} label={t('item.duration')} min={1} />
          <SelectAt
            path={[...base, 'fallback']}
            label={t('item.fallback')}
            hint={t('item.fallbackHint')}
            optional={t('editor.none')}
            options={Object.entries((editor.draft.items ?? {}) as Record<string, Raw>)
              .filter(([other, it]) => other !== id && !(it.kind === 'hls' && it.mode === 'live'))
              .map(([other]) => ({ value: other, label: itemTitle(editor.draft, other, lang, editor.media) }))}
          />
          {volume}
          {fit}
          <SubtitlesAt base={base} />
        </>
      )}
      {kind === 'hls' && item.mode === 'vod' && (
        <>
          <MediaAt path={[...base, 'asset']} label={t('item.hlsFile')} kind="hls" />
          <NumberAt path={[...base, 'duration']} label={t('item.cutAfter')} optional min={1} />
          {volume}
          {fit}
          <SubtitlesAt base={base} />
        </>
      )}
      {kind === 'slide' && (
        <>
          <SlideFields base={base} template={String(item.template)} />
          <NumberAt path={[...base, 'duration']} label={t('item.duration')} min={1} />
          <MediaAt path={[...base, 'background']} label={t('item.background')} kind="image" optional />
          <ThemeAt base={base} />
        </>
      )}
      {kind === 'ticker' && <TickerFields base={base} />}
      {(kind === 'slide' || kind === 'ticker') && <LanguageModeAt base={base} />}
      <SelectAt
        path={[...base, 'transition', 'type']}
        label={t('item.transition')}
        optional={t('item.transitionDefault')}
        options={[{ value: 'fade', label: t('transition.fade') }, { value: 'cut', label: t('transition.cut') }]}
      />
    </section>
  );
}

function TickerFields({ base }: { base: Path }) {
  const { t } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const messages = (getIn(draft, [...base, 'messages']) as unknown[] | undefined) ?? [];
  return (
    <>
      <fieldset className="group-box">
        <legend>{t('ticker.messages')}</legend>
        {messages.map((_, i) => (
          <div key={i} className="sub-item">
            <LocalizedAt path={[...base, 'messages', i]} label={t('ticker.message', { n: i + 1 })} />
            {canEdit && messages.length > 1 && (
              <button type="button" onClick={() => set([...base, 'messages', i], undefined)}>
                {t('common.remove')}
              </button>
            )}
          </div>
        ))}
        {canEdit && (
          <button type="button" onClick={() => set([...base, 'messages'], [...messages, ''])}>
            {t('ticker.add')}
          </button>
        )}
      </fieldset>
      <NumberAt path={[...base, 'speed']} label={t('ticker.speed')} hint={t('ticker.speedHint')} optional min={10} max={1000} />
      <TextAt path={[...base, 'separator']} label={t('ticker.separator')} optional />
      <NumberAt path={[...base, 'duration']} label={t('ticker.duration')} hint={t('ticker.durationHint')} optional min={1} />
    </>
  );
}
