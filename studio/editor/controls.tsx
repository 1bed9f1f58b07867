import type { LocalizedText } from '../../playlists/schemas/common.ts';
import type { MediaItem } from '../../playlists/schemas/operator-api.ts';
import { Check, Field } from '../components/Field.tsx';
import { issueText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { languageName } from './languages.ts';
import { getIn, setIn as setDraftPath, slugId, type Path } from './draft-ops.ts';
import { issuesAt, pathKey, useEditor } from './context.tsx';

function useErrors(path: Path, deep = false): string[] {
  const i18n = useI18n();
  const { issues } = useEditor();
  return issuesAt(issues, path, deep).map((i) => issueText(i18n, i));
}

/** The DOM id of a field, so the problem list can take the operator to it. */
export const fieldId = (path: Path) => `f-${pathKey(path).replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function TextAt({ path, label, hint, optional, inputMode }: { path: Path; label: string; hint?: string; optional?: boolean; inputMode?: 'numeric' | 'url' }) {
  const { draft, set, canEdit } = useEditor();
  const value = getIn(draft, path);
  return (
    <Field label={label} hint={hint} errors={useErrors(path)}>
      {(c) => (
        <input
          {...c}
          data-path={pathKey(path)}
          readOnly={!canEdit}
          inputMode={inputMode}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(path, optional && e.target.value === '' ? undefined : e.target.value)}
        />
      )}
    </Field>
  );
}

export function NumberAt({ path, label, hint, optional, min, max, step }: { path: Path; label: string; hint?: string; optional?: boolean; min?: number; max?: number; step?: number }) {
  const { draft, set, canEdit } = useEditor();
  const value = getIn(draft, path);
  return (
    <Field label={label} hint={hint} errors={useErrors(path)}>
      {(c) => (
        <input
          {...c}
          data-path={pathKey(path)}
          type="number"
          readOnly={!canEdit}
          min={min}
          max={max}
          step={step ?? 'any'}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => set(path, e.target.value === '' ? (optional ? undefined : null) : Number(e.target.value))}
        />
      )}
    </Field>
  );
}

export function SelectAt({ path, label, options, optional, hint }: { path: Path; label: string; options: readonly { value: string; label: string }[]; optional?: string; hint?: string }) {
  const { draft, set, canEdit } = useEditor();
  const value = getIn(draft, path);
  return (
    <Field label={label} hint={hint} errors={useErrors(path)}>
      {(c) => (
        <select {...c} data-path={pathKey(path)} disabled={!canEdit} value={typeof value === 'string' ? value : ''} onChange={(e) => set(path, e.target.value === '' ? undefined : e.target.value)}>
          {(optional !== undefined || typeof value !== 'string') && <option value="">{optional ?? ''}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckAt({ path, label }: { path: Path; label: string }) {
  const { draft, set, canEdit } = useEditor();
  return <Check label={label} disabled={!canEdit} checked={getIn(draft, path) === true} onChange={(v) => set(path, v)} />;
}

/** Text with one box per language, side by side; an emptied language is removed, not kept as "". */
export function LocalizedAt({ path, label, optional, multiline }: { path: Path; label: string; optional?: boolean; multiline?: boolean }) {
  const { t, lang: uiLang } = useI18n();
  const { draft, set, languages, canEdit } = useEditor();
  const errors = useErrors(path, true);
  const raw = getIn(draft, path) as LocalizedText | undefined;
  const map: Record<string, string> = typeof raw === 'string' ? { [languages[0] ?? 'vi']: raw } : { ...(raw ?? {}) };
  const write = (lang: string, text: string) => {
    const next: Record<string, string> = { ...map, [lang]: text };
    if (text === '') delete next[lang];
    set(path, Object.keys(next).length ? next : optional ? undefined : '');
  };
  return (
    <fieldset className={`localized${errors.length ? ' field-invalid' : ''}`} id={fieldId(path)} data-path={pathKey(path)}>
      <legend>{label}</legend>
      <div className="localized-row">
        {languages.map((lang) => (
          <Field key={lang} label={t('editor.inLanguage', { language: languageName(lang, uiLang) })} className="localized-one">
            {(c) =>
              multiline ? (
                <textarea {...c} lang={lang} readOnly={!canEdit} rows={3} value={map[lang] ?? ''} onChange={(e) => write(lang, e.target.value)} />
              ) : (
                <input {...c} lang={lang} readOnly={!canEdit} value={map[lang] ?? ''} onChange={(e) => write(lang, e.target.value)} />
              )
            }
          </Field>
        ))}
      </div>
      {errors.length > 0 && <p className="field-error">{errors.join(' ')}</p>}
    </fieldset>
  );
}

const accepts = (kind: 'video' | 'image' | 'subtitle' | 'hls', m: MediaItem) =>
  kind === 'hls' ? m.type === 'application/vnd.apple.mpegurl' : m.kind === kind;

/**
 * Picks a file of the media library by its title. The draft names assets by
 * id: an existing asset of that file is reused, else one is added, its id
 * made from the file's title, naming only its sha256 (the hub fills the rest).
 */
export function MediaAt({ path, label, kind, optional }: { path: Path; label: string; kind: 'video' | 'image' | 'subtitle' | 'hls'; optional?: boolean }) {
  const { t } = useI18n();
  const { draft, change, media, canEdit } = useEditor();
  const errors = useErrors(path);
  const assets = (draft.assets ?? {}) as Record<string, { sha256?: string }>;
  const raw = getIn(draft, path);
  // A new item's blank asset ('') is no choice yet.
  const current = typeof raw === 'string' && raw !== '' ? raw : undefined;
  const currentSha = current !== undefined ? assets[current]?.sha256 : undefined;
  const choices = media.filter((m) => accepts(kind, m));
  // HLS streams are not uploaded files: a cached stream the draft already lists (written with every file pinned, in the JSON view or by `pano sign`) is offered by its id.
  const streams = kind === 'hls' ? Object.entries(draft.assets ?? {}).filter(([, a]) => (a as { type?: string }).type === 'application/vnd.apple.mpegurl').map(([id]) => id) : [];
  const pick = (sha: string) =>
    change((d) => {
      if (!sha) return setDraftPath(d, path, undefined);
      if (sha.startsWith('asset:')) return setDraftPath(d, path, sha.slice('asset:'.length));
      const all = (d.assets ?? {}) as Record<string, { sha256?: string }>;
      let id = Object.keys(all).find((k) => all[k]?.sha256 === sha);
      let next = d;
      if (!id) {
        const file = media.find((m) => m.sha256 === sha)!;
        id = slugId(file.title, Object.keys(all), 'media');
        next = { ...d, assets: { ...all, [id]: { sha256: sha } } } as typeof d;
      }
      return setDraftPath(next, path, id);
    });
  return (
    <Field label={label} errors={errors}>
      {(c) => (
        <select {...c} data-path={pathKey(path)} disabled={!canEdit} value={current !== undefined && (streams.includes(current) || !currentSha) ? `asset:${current}` : (currentSha ?? '')} onChange={(e) => pick(e.target.value)}>
          <option value="">{optional ? t('editor.none') : t('editor.chooseFile')}</option>
          {current !== undefined && !currentSha && !streams.includes(current) && <option value={`asset:${current}`}>{current}</option>}
          {streams.map((id) => (
            <option key={id} value={`asset:${id}`}>
              {id}
            </option>
          ))}
          {choices.map((m) => (
            <option key={m.sha256} value={m.sha256}>
              {m.title}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
