import type { Layout } from '../../../playlists/schemas/layouts.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useEditor } from '../context.tsx';
import { getIn, setIn, type Path } from '../draft-ops.ts';
import { existingLike, LAYOUT_TEMPLATES } from './layout-templates.ts';
import { LayoutThumb } from './LayoutThumb.tsx';

type LayoutRef = string | { landscape?: string; portrait?: string };

/**
 * The layout of an entry, per orientation: the channel's own layouts and the
 * templates, each drawn to scale; a template is added to the channel when picked.
 */
export function LayoutPicker({ path }: { path: Path }) {
  const { t } = useI18n();
  const { draft, change, canEdit } = useEditor();
  const layouts = (draft.layouts ?? {}) as Record<string, Layout>;
  const ref = getIn(draft, path) as LayoutRef | undefined;
  const chosen = (o: 'landscape' | 'portrait'): string | undefined => {
    if (typeof ref === 'string') return layouts[ref]?.orientation === o ? ref : undefined;
    return ref?.[o];
  };

  const pick = (o: 'landscape' | 'portrait', id: string, template?: Layout) =>
    change((d) => {
      let next = d;
      const own = (next.layouts ?? {}) as Record<string, Layout>;
      let layoutId = id;
      if (template) {
        layoutId = existingLike(own, template) ?? (own[id] ? `${id}-2` : id);
        if (!own[layoutId]) next = setIn(next, ['layouts', layoutId], template);
      }
      const current = getIn(next, path) as LayoutRef | undefined;
      const obj: { landscape?: string; portrait?: string } =
        typeof current === 'string' ? { [((next.layouts as Record<string, Layout>)[current]?.orientation ?? 'landscape')]: current } : { ...(current ?? {}) };
      obj[o] = layoutId;
      return setIn(next, path, obj);
    });

  return (
    <fieldset className="group-box layout-picker">
      <legend>{t('schedule.layout')}</legend>
      {(['landscape', 'portrait'] as const).map((o) => {
        const own = Object.entries(layouts).filter(([, l]) => l?.orientation === o);
        const templates = LAYOUT_TEMPLATES.filter((tp) => tp.layout.orientation === o && !existingLike(layouts, tp.layout));
        const name = `${path.join('-')}-${o}`;
        return (
          <fieldset key={o} className="layout-row">
            <legend>{t(`orientationName.${o}`)}</legend>
            <div className="layout-options">
              {own.map(([id, l]) => (
                <label key={id} className="layout-option">
                  <input type="radio" name={name} disabled={!canEdit} checked={chosen(o) === id} onChange={() => pick(o, id)} />
                  <LayoutThumb layout={l} />
                  <span>{LAYOUT_TEMPLATES.find((tp) => existingLike({ [id]: l }, tp.layout)) ? t(LAYOUT_TEMPLATES.find((tp) => existingLike({ [id]: l }, tp.layout))!.label) : id}</span>
                </label>
              ))}
              {templates.map((tp) => (
                <label key={tp.id} className="layout-option">
                  <input type="radio" name={name} disabled={!canEdit} checked={false} onChange={() => pick(o, tp.id, tp.layout)} />
                  <LayoutThumb layout={tp.layout} />
                  <span>{t(tp.label)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
    </fieldset>
  );
}
