import { useI18n } from '../../i18n/index.tsx';
import { Check } from '../../components/Field.tsx';
import { useEditor } from '../context.tsx';
import { LocalizedAt, MediaAt, NumberAt, SelectAt, TextAt } from '../controls.tsx';
import { getIn, slugId, type Path } from '../draft-ops.ts';
import { SubtitlesAt } from '../items/more-controls.tsx';
import { pickText } from '../../i18n/pick.ts';
import type { LocalizedText } from '../../../playlists/schemas/common.ts';

/** The form of one page block, by kind (docs/playlist-format.md, "Page blocks"). */
export function BlockForm({ base }: { base: Path }) {
  const { t, lang } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const block = getIn(draft, base) as { kind: string; images?: unknown[]; points?: { title?: LocalizedText }[]; pages?: string[] };
  const pages = Object.entries(((draft.kiosk as { pages?: Record<string, { title?: LocalizedText }> }).pages ?? {})).map(([id, p]) => ({ value: id, label: pickText(p.title, lang) || id }));
  const quizzes = Object.entries(((draft.kiosk as { quizzes?: Record<string, { title?: LocalizedText }> }).quizzes ?? {})).map(([id, q]) => ({ value: id, label: pickText(q.title, lang) || id }));
  switch (block.kind) {
    case 'text':
      return <LocalizedAt path={[...base, 'text']} label={t('block.text')} multiline />;
    case 'image':
      return (
        <>
          <MediaAt path={[...base, 'asset']} label={t('block.image')} kind="image" />
          <LocalizedAt path={[...base, 'caption']} label={t('block.caption')} optional />
        </>
      );
    case 'gallery': {
      const images = block.images ?? [];
      return (
        <>
          {images.map((_, i) => (
            <div key={i} className="sub-item">
              <MediaAt path={[...base, 'images', i, 'asset']} label={t('block.galleryImage', { n: i + 1 })} kind="image" />
              <LocalizedAt path={[...base, 'images', i, 'caption']} label={t('block.caption')} optional />
              {canEdit && images.length > 1 && (
                <button type="button" onClick={() => set([...base, 'images', i], undefined)}>
                  {t('common.remove')}
                </button>
              )}
            </div>
          ))}
          {canEdit && (
            <button type="button" onClick={() => set([...base, 'images'], [...images, { asset: '' }])}>
              {t('block.addImage')}
            </button>
          )}
        </>
      );
    }
    case 'video':
      return (
        <>
          <MediaAt path={[...base, 'asset']} label={t('block.video')} kind="video" />
          <SubtitlesAt base={base} />
          <LocalizedAt path={[...base, 'caption']} label={t('block.caption')} optional />
        </>
      );
    case 'map': {
      const points = block.points ?? [];
      return (
        <>
          <MediaAt path={[...base, 'asset']} label={t('block.map')} kind="image" />
          {points.map((p, i) => (
            <fieldset key={i} className="group-box">
              <legend>{pickText(p.title, lang) || t('block.point', { n: i + 1 })}</legend>
              <LocalizedAt path={[...base, 'points', i, 'title']} label={t('block.pointTitle')} />
              <LocalizedAt path={[...base, 'points', i, 'text']} label={t('block.pointText')} optional />
              <div className="inline-fields">
                <NumberAt path={[...base, 'points', i, 'x']} label={t('block.pointX')} hint={t('block.fractionHint')} min={0} max={1} step={0.01} />
                <NumberAt path={[...base, 'points', i, 'y']} label={t('block.pointY')} hint={t('block.fractionHint')} min={0} max={1} step={0.01} />
              </div>
              <SelectAt path={[...base, 'points', i, 'page']} label={t('block.pointPage')} optional={t('editor.none')} options={pages} />
              {canEdit && (
                <button type="button" onClick={() => set([...base, 'points', i], undefined)}>
                  {t('common.remove')}
                </button>
              )}
            </fieldset>
          ))}
          {canEdit && (
            <button
              type="button"
              onClick={() => set([...base, 'points'], [...points, { id: slugId(t('block.pointNew'), points.map((p) => (p as { id?: string }).id ?? ''), 'point'), x: 0.5, y: 0.5, title: { vi: t('block.pointNew') } }])}
            >
              {t('block.addPoint')}
            </button>
          )}
        </>
      );
    }
    case 'qr':
      return (
        <>
          <TextAt path={[...base, 'url']} label={t('block.url')} inputMode="url" />
          <LocalizedAt path={[...base, 'caption']} label={t('block.caption')} optional />
        </>
      );
    case 'links': {
      const chosen = block.pages ?? [];
      return (
        <fieldset className="group-box">
          <legend>{t('block.links')}</legend>
          <div className="checks">
            {pages.map((p) => (
              <Check key={p.value} disabled={!canEdit} label={p.label} checked={chosen.includes(p.value)} onChange={(on) => set([...base, 'pages'], on ? [...chosen, p.value] : chosen.filter((x) => x !== p.value))} />
            ))}
          </div>
        </fieldset>
      );
    }
    case 'quiz':
      return <SelectAt path={[...base, 'quiz']} label={t('block.quiz')} options={quizzes} />;
    default:
      return null;
  }
}

export const BLOCK_KINDS = ['text', 'image', 'gallery', 'video', 'map', 'qr', 'links', 'quiz'] as const;

export function blankBlock(kind: (typeof BLOCK_KINDS)[number], firstPage: string, firstQuiz: string): Record<string, unknown> {
  switch (kind) {
    case 'text':
      return { kind, text: '' };
    case 'image':
    case 'video':
      return { kind, asset: '' };
    case 'gallery':
      return { kind, images: [{ asset: '' }] };
    case 'map':
      return { kind, asset: '', points: [] };
    case 'qr':
      return { kind, url: 'https://' };
    case 'links':
      return { kind, pages: [firstPage] };
    case 'quiz':
      return { kind, quiz: firstQuiz };
  }
}
