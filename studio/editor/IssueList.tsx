import type { Issue } from '../api/client.ts';
import { issueText } from '../i18n/errors.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { Link } from '../components/Link.tsx';
import { useEditor } from './context.tsx';
import { itemTitle } from './names.ts';

/** Where in the studio a draft path is edited: the tab (and the item) that holds its field. */
export function placeOf(path: string): { tab: string; item?: string; label: MessageKey } {
  const [first, second] = path.split('.');
  switch (first) {
    case 'items':
      return { tab: 'items', ...(second ? { item: second } : {}), label: 'tab.items' };
    case 'sequences':
      return { tab: 'loops', label: 'tab.loops' };
    case 'schedule':
    case 'layouts':
      return { tab: 'schedule', label: 'tab.schedule' };
    case 'audience':
      return { tab: 'audience', label: 'tab.audience' };
    case 'kiosk':
      return { tab: 'kiosk', label: 'tab.kiosk' };
    default:
      return { tab: 'json', label: 'tab.json' };
  }
}

/** Every problem of the draft as a sentence, with a link to the form that fixes it. */
export function IssueList({ issues }: { issues: readonly Issue[] }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { draft, media } = useEditor();
  if (issues.length === 0) return null;
  return (
    <section className="issues" aria-labelledby="issues-h">
      <h2 id="issues-h">{t('editor.problems', { n: issues.length })}</h2>
      <ul>
        {issues.slice(0, 20).map((issue, i) => {
          const place = placeOf(issue.path);
          const where = place.item ? `${t(place.label)} › ${itemTitle(draft, place.item, lang, media)}` : t(place.label);
          return (
            <li key={i}>
              <Link href={`${location.pathname}?tab=${place.tab}${place.item ? `&item=${encodeURIComponent(place.item)}` : ''}`}>{where}</Link>: {issueText(i18n, issue)}
            </li>
          );
        })}
      </ul>
      {issues.length > 20 && <p className="muted">{t('editor.moreProblems', { n: issues.length - 20 })}</p>}
    </section>
  );
}
