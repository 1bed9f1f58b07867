import type { DiffChange } from '../../playlists/schemas/board-workflow.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { languageName } from '../editor/languages.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type I18n, type MessageKey } from '../i18n/index.tsx';
import { pickText } from '../i18n/pick.ts';

/** Field names the catalogue words ("fields.title" → "tiêu đề"); others are shown as the draft names them. */
const FIELDS = new Set(['title', 'subtitle', 'body', 'alt', 'asset', 'subtitles', 'duration', 'messages', 'weekdays', 'windows', 'from', 'until', 'priority', 'layout', 'content', 'audience', 'kiosk', 'layouts']);

function fieldName(t: I18n['t'], path: string): string {
  const parts = path.split('.');
  const last = parts.findLast((p) => FIELDS.has(p));
  return last ? t(`diff.f.${last}` as MessageKey) : path;
}

/** One change as a sentence in the operator's language: item by title, language by name, files by a short fingerprint. */
export function changeText(i18n: I18n, c: DiffChange): string {
  const { t, lang } = i18n;
  const item = (id: string | null, title: unknown) => (id === null ? t('diff.channel') : pickText(title as never, lang) || id);
  const file = (m: { asset: string; sha256: string | null } | null) => (m ? `${m.asset} (${(m.sha256 ?? '').slice(0, 12)})` : '');
  const empty = (s: string | null) => (s === null || s === '' ? t('diff.empty') : s);
  switch (c.kind) {
    case 'itemAdded':
      return t('diff.itemAdded', { item: item(c.item, c.title) });
    case 'itemRemoved':
      return t('diff.itemRemoved', { item: item(c.item, c.title) });
    case 'text': {
      const p = { item: item(c.item, c.title), field: fieldName(t, c.field), language: c.language ? languageName(c.language, lang) : t('diff.allLanguages'), before: c.before ?? '', after: c.after ?? '' };
      return t(c.before === null ? 'diff.textAdded' : c.after === null ? 'diff.textRemoved' : 'diff.textChanged', p);
    }
    case 'media': {
      const p = { item: item(c.item, c.title), field: fieldName(t, c.field), before: file(c.before), after: file(c.after) };
      return t(c.change === 'added' ? 'diff.mediaAdded' : c.change === 'removed' ? 'diff.mediaRemoved' : 'diff.mediaChanged', p);
    }
    case 'field':
      return t('diff.field', { item: item(c.item, c.title), field: fieldName(t, c.field), before: empty(c.before), after: empty(c.after) });
    case 'loop':
      return t('diff.loop', { loop: c.sequence, before: empty(c.before.join(', ')), after: empty(c.after.join(', ')) });
    case 'schedule':
      if (c.change === 'added') return t('diff.scheduleAdded', { entry: c.entry });
      if (c.change === 'removed') return t('diff.scheduleRemoved', { entry: c.entry });
      return t('diff.scheduleChanged', { entry: c.entry, fields: c.fields.map((f) => fieldName(t, f)).join(', ') });
    case 'other':
      return t('diff.other', { part: fieldName(t, c.part) });
  }
}

/** The diff between two versions of a channel (a number, or the submission awaiting the board), as a list of sentences. */
export function DiffView({ channel, from, to, level = 3 }: { channel: string; from: number | 'submission'; to: number | 'submission'; level?: 2 | 3 }) {
  const i18n = useI18n();
  const { t } = i18n;
  const diff = useLoad(() => call(API.channelDiff, { params: { id: channel }, query: { from: String(from), to: String(to) } }), `diff-${channel}-${from}-${to}`);
  const label = (v: { version: number; label: string }) => (v.label === 'submission' ? t('history.submission') : t('history.versionN', { version: String(v.version) }));
  const Heading = level === 2 ? 'h2' : 'h3';
  if (diff.error !== null) return <Notice kind="error">{apiErrorText(i18n, diff.error)}</Notice>;
  if (!diff.data) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <section className="diff" aria-label={t('diff.title', { from: label(diff.data.from), to: label(diff.data.to) })}>
      <Heading>{t('diff.title', { from: label(diff.data.from), to: label(diff.data.to) })}</Heading>
      {diff.data.changes.length === 0 ? (
        <p>{t('diff.none')}</p>
      ) : (
        <ul className="diff-list">
          {diff.data.changes.map((c, i) => (
            <li key={i}>{changeText(i18n, c)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
