import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field.tsx';
import { Link } from '../../components/Link.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { navigate } from '../../router.ts';
import { useEditor } from '../context.tsx';
import { getIn, setIn } from '../draft-ops.ts';
import { itemTitle, loopName } from '../names.ts';
import { languageName } from '../languages.ts';
import { addItem, blankItem } from './new-items.ts';
import { ItemForm } from './ItemForm.tsx';

export const NEW_KINDS: { id: string; label: MessageKey }[] = [
  { id: 'headline', label: 'newKind.headline' },
  { id: 'fact-card', label: 'newKind.fact-card' },
  { id: 'product-card', label: 'newKind.product-card' },
  { id: 'event-countdown', label: 'newKind.event-countdown' },
  { id: 'qr-cta', label: 'newKind.qr-cta' },
  { id: 'video', label: 'newKind.video' },
  { id: 'image', label: 'newKind.image' },
  { id: 'ticker', label: 'newKind.ticker' },
  { id: 'hls-live', label: 'newKind.hls-live' },
  { id: 'hls-vod', label: 'newKind.hls-vod' },
];

/** Every item of the channel by title; the chosen one's form beside the list. */
export function ItemsPanel() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const editor = useEditor();
  const items = (editor.draft.items ?? {}) as Record<string, { kind?: string }>;
  const selected = new URLSearchParams(location.search).get('item');
  const open = (id: string) => navigate(`${location.pathname}?tab=items&item=${encodeURIComponent(id)}`);

  return (
    <div className="split">
      <div className="split-list">
        {editor.canEdit && <NewItemForm onAdded={open} />}
        <h2>{t('items.all')}</h2>
        <ul className="item-list">
          {Object.keys(items).map((id) => (
            <li key={id}>
              <Link href={`${location.pathname}?tab=items&item=${encodeURIComponent(id)}`} aria-current={id === selected ? 'true' : undefined}>
                {itemTitle(editor.draft, id, lang, editor.media)}
              </Link>
            </li>
          ))}
        </ul>
      </div>
      <div className="split-main">{selected && items[selected] ? <ItemForm id={selected} /> : <p className="muted">{t('items.pick')}</p>}</div>
    </div>
  );
}

function NewItemForm({ onAdded }: { onAdded(id: string): void }) {
  const i18n = useI18n();
  const { t, lang: uiLang } = i18n;
  const editor = useEditor();
  const [kind, setKind] = useState('headline');
  const [titles, setTitles] = useState<Record<string, string>>({});
  const loops = Object.keys((editor.draft.sequences ?? {}) as object);
  const [loop, setLoop] = useState(loops[0] ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const title = Object.fromEntries(Object.entries(titles).filter(([, v]) => v.trim()));
    const first = Object.values(title)[0];
    if (!first) return;
    const { draft, id } = addItem(editor.draft, first, blankItem(kind, title), kind);
    const list = loop ? ((getIn(draft, ['sequences', loop, 'items']) as string[] | undefined) ?? []).concat(id) : null;
    editor.change(() => (list ? setIn(draft, ['sequences', loop, 'items'], list) : draft));
    setTitles({});
    onAdded(id);
  };

  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="new-item-h">
      <h2 id="new-item-h">{t('items.new')}</h2>
      <Field label={t('items.kind')}>
        {(c) => (
          <select {...c} value={kind} onChange={(e) => setKind(e.target.value)}>
            {NEW_KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {t(k.label)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {editor.languages.slice(0, 2).map((l) => (
        <Field key={l} label={t('items.titleIn', { language: languageName(l, uiLang) })}>
          {(c) => <input {...c} lang={l} required={l === 'vi'} value={titles[l] ?? ''} onChange={(e) => setTitles({ ...titles, [l]: e.target.value })} />}
        </Field>
      ))}
      <Field label={t('items.addToLoop')}>
        {(c) => (
          <select {...c} value={loop} onChange={(e) => setLoop(e.target.value)}>
            <option value="">{t('items.noLoop')}</option>
            {loops.map((id) => (
              <option key={id} value={id}>
                {loopName(editor.draft, id, i18n)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="primary">
        {t('items.create')}
      </button>
    </form>
  );
}
