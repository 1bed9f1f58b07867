import type { LocalizedText } from '../../../playlists/schemas/common.ts';
import { useI18n } from '../../i18n/index.tsx';
import { pickText } from '../../i18n/pick.ts';
import { useEditor } from '../context.tsx';
import { LocalizedAt } from '../controls.tsx';
import { getIn, type Path } from '../draft-ops.ts';

type Question = { text?: LocalizedText; choices?: LocalizedText[]; answer?: number };

/** A quiz: title, intro, and questions with 2–6 choices, the right one marked, an explanation. */
export function QuizForm({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const base: Path = ['kiosk', 'quizzes', id];
  const questions = (getIn(draft, [...base, 'questions']) as Question[] | undefined) ?? [];
  return (
    <section className="panel form" aria-labelledby={`quiz-${id}`} data-quiz={id}>
      <h3 id={`quiz-${id}`}>{pickText(getIn(draft, [...base, 'title']) as LocalizedText, lang) || id}</h3>
      <LocalizedAt path={[...base, 'title']} label={t('quiz.title')} />
      <LocalizedAt path={[...base, 'intro']} label={t('quiz.intro')} optional multiline />
      {questions.map((q, i) => {
        const qp = [...base, 'questions', i];
        const choices = q.choices ?? [];
        return (
          <fieldset key={i} className="group-box question" data-question={i}>
            <legend>{t('quiz.question', { n: i + 1 })}</legend>
            <LocalizedAt path={[...qp, 'text']} label={t('quiz.text', { n: i + 1 })} />
            {choices.map((c, j) => (
              <div key={j} className="sub-item choice">
                <LocalizedAt path={[...qp, 'choices', j]} label={t('quiz.choice', { n: j + 1 })} />
                <label className="check">
                  <input type="radio" name={`answer-${id}-${i}`} disabled={!canEdit} checked={q.answer === j} onChange={() => set([...qp, 'answer'], j)} />
                  <span>{t('quiz.isAnswer', { choice: pickText(c, lang) || String(j + 1) })}</span>
                </label>
                {canEdit && choices.length > 2 && (
                  <button
                    type="button"
                    onClick={() => {
                      set([...qp, 'choices'], choices.filter((_, k) => k !== j));
                      if ((q.answer ?? 0) >= j && (q.answer ?? 0) > 0) set([...qp, 'answer'], (q.answer ?? 0) - (q.answer === j ? 0 : 1));
                    }}
                  >
                    {t('common.remove')}
                  </button>
                )}
              </div>
            ))}
            {canEdit && choices.length < 6 && (
              <button type="button" onClick={() => set([...qp, 'choices'], [...choices, ''])}>
                {t('quiz.addChoice')}
              </button>
            )}
            <LocalizedAt path={[...qp, 'explanation']} label={t('quiz.explanation')} optional />
            {canEdit && questions.length > 1 && (
              <button type="button" className="danger" onClick={() => set(qp, undefined)}>
                {t('quiz.removeQuestion')}
              </button>
            )}
          </fieldset>
        );
      })}
      {canEdit && (
        <button type="button" onClick={() => set([...base, 'questions'], [...questions, { text: '', choices: ['', ''], answer: 0 }])}>
          {t('quiz.addQuestion')}
        </button>
      )}
    </section>
  );
}
