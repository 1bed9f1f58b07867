import { useEffect, useRef, useState, type ReactNode } from 'react';
import { pickText } from '../../i18n/pick.ts';
import { Text, useKiosk } from '../context.tsx';
import { quizReducer, type QuizAction, type QuizState } from '../quiz-state.ts';

/** Multiple choice with immediate feedback and a score at the end. */
export function QuizBlock({ quizId }: { quizId: string }): ReactNode {
  const { kiosk, t, chain, emit } = useKiosk();
  const quiz = kiosk.quizzes[quizId];
  const [state, setState] = useState<QuizState>({ step: 'intro' });
  const box = useRef<HTMLDivElement>(null);
  // Each step (a question, its feedback, the score) starts in view: the quiz's box from its top, or as much of it as fits.
  const answered = state.step === 'question' && state.chosen !== null;
  useEffect(() => {
    if (state.step === 'intro') return;
    box.current?.scrollIntoView({ block: 'start' });
    if (answered) box.current?.querySelector('.pano-quiz-feedback')?.scrollIntoView({ block: 'nearest' });
  }, [state.step, state.step === 'question' ? state.index : -1, answered]);
  if (!quiz) return null;

  const dispatch = (action: QuizAction) => {
    const next = quizReducer(quiz, state, action);
    if (next === state) return;
    setState(next);
    if (action.type === 'start') emit('quiz-start', { quiz: quizId });
    if (next.step === 'done') emit('quiz-complete', { quiz: quizId, score: next.score, total: next.total });
  };

  return (
    <div className="pano-quiz" data-quiz={quizId} data-step={state.step} ref={box}>
      <Text as="h2" text={quiz.title} />
      {state.step === 'intro' && (
        <>
          {quiz.intro && <Text as="p" text={quiz.intro} />}
          <button type="button" className="pano-button pano-button-primary" data-testid="quiz-start" onClick={() => dispatch({ type: 'start' })}>
            {t('quizStart')}
          </button>
        </>
      )}
      {state.step === 'question' && renderQuestion(state)}
      {state.step === 'done' && (
        <div className="pano-quiz-score" data-testid="quiz-score" data-score={state.score} data-total={state.total}>
          <p className="pano-quiz-score-text">{t('quizScore', { score: state.score, total: state.total })}</p>
          <button type="button" className="pano-button pano-button-primary" onClick={() => dispatch({ type: 'start' })}>
            {t('quizAgain')}
          </button>
        </div>
      )}
    </div>
  );

  // A render helper, not a component: a nested component would remount on every answer.
  function renderQuestion(state: Extract<QuizState, { step: 'question' }>): ReactNode {
    const question = quiz!.questions[state.index]!;
    const answered = state.chosen !== null;
    const correct = state.chosen === question.answer;
    const last = state.index === quiz!.questions.length - 1;
    return (
      <div className="pano-quiz-question" data-index={state.index}>
        <p className="pano-quiz-progress">{t('quizQuestion', { index: state.index + 1, count: quiz!.questions.length })}</p>
        <Text as="h3" text={question.text} />
        <ul className="pano-quiz-choices">
          {question.choices.map((choice, i) => {
            const mark = !answered ? '' : i === question.answer ? ' pano-choice-right' : i === state.chosen ? ' pano-choice-wrong' : '';
            return (
              <li key={i}>
                <button
                  type="button"
                  className={`pano-button pano-choice${mark}`}
                  disabled={answered && i !== state.chosen && i !== question.answer}
                  aria-pressed={state.chosen === i}
                  data-choice={i}
                  onClick={() => dispatch({ type: 'answer', choice: i })}
                >
                  <Text text={choice} />
                </button>
              </li>
            );
          })}
        </ul>
        {answered && (
          <div className={`pano-quiz-feedback ${correct ? 'pano-feedback-right' : 'pano-feedback-wrong'}`} role="status" data-testid="quiz-feedback" data-correct={correct}>
            <p>{correct ? t('quizCorrect') : t('quizWrong', { answer: pickText(question.choices[question.answer]!, chain) })}</p>
            {question.explanation && <Text as="p" text={question.explanation} />}
            <button type="button" className="pano-button pano-button-primary" data-testid="quiz-next" onClick={() => dispatch({ type: 'next' })}>
              {last ? t('quizFinish') : t('quizNext')}
            </button>
          </div>
        )}
      </div>
    );
  }
}
