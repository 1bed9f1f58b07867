/**
 * A quiz run: intro → each question (answered once, then feedback) → score.
 * Only counts are kept: nothing about the visitor, and a new visit starts over.
 */
export type QuizState =
  | { step: 'intro' }
  | { step: 'question'; index: number; score: number; chosen: number | null }
  | { step: 'done'; score: number; total: number };

export type QuizAction = { type: 'start' } | { type: 'answer'; choice: number } | { type: 'next' };

export interface QuizShape {
  questions: readonly { answer: number }[];
}

export function quizReducer(quiz: QuizShape, state: QuizState, action: QuizAction): QuizState {
  switch (action.type) {
    case 'start':
      return { step: 'question', index: 0, score: 0, chosen: null };
    case 'answer': {
      if (state.step !== 'question' || state.chosen !== null) return state; // one answer per question
      const correct = quiz.questions[state.index]?.answer === action.choice;
      return { ...state, chosen: action.choice, score: state.score + (correct ? 1 : 0) };
    }
    case 'next': {
      if (state.step !== 'question' || state.chosen === null) return state;
      const index = state.index + 1;
      if (index >= quiz.questions.length) return { step: 'done', score: state.score, total: quiz.questions.length };
      return { step: 'question', index, score: state.score, chosen: null };
    }
  }
}
