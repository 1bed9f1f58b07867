import { useState } from 'react';
import type { Issue } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { issueText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { useEditor } from './context.tsx';
import type { JsonObject } from './draft-ops.ts';

/** Line and column of a JSON.parse error, from V8's "at position N" (0-based). */
export function jsonProblem(text: string, error: Error): Issue {
  const pos = Number(/position (\d+)/.exec(error.message)?.[1] ?? NaN);
  if (Number.isNaN(pos)) return { path: '', code: 'json', params: {} };
  const before = text.slice(0, pos).split('\n');
  return { path: '', code: 'json', params: { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 } };
}

/**
 * For experts: the draft as JSON in a monospace font that places Vietnamese
 * marks, checked with the same schema as the forms. Applying keeps the text's
 * own key order; nothing is lost while it does not parse.
 */
export function JsonPanel({ onReplace }: { onReplace(draft: JsonObject): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { draft, canEdit } = useEditor();
  const [text, setText] = useState(() => JSON.stringify(draft, null, 2));
  const [problem, setProblem] = useState<Issue | null>(null);
  const apply = () => {
    try {
      const value = JSON.parse(text) as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('position 0');
      setProblem(null);
      onReplace(value as JsonObject);
    } catch (error) {
      setProblem(jsonProblem(text, error as Error));
    }
  };
  return (
    <section className="panel form" aria-labelledby="json-h">
      <h2 id="json-h">{t('json.title')}</h2>
      <p className="muted">{t('json.lead')}</p>
      <Field label={t('json.label')} errors={problem ? [issueText(i18n, problem)] : []}>
        {(c) => <textarea {...c} className="json" spellCheck={false} readOnly={!canEdit} rows={28} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {canEdit && (
        <div className="actions">
          <button type="button" className="primary" onClick={apply}>
            {t('json.apply')}
          </button>
          <button type="button" onClick={() => (setText(JSON.stringify(draft, null, 2)), setProblem(null))}>
            {t('json.reset')}
          </button>
        </div>
      )}
    </section>
  );
}
