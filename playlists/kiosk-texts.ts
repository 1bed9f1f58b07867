import type { LocalizedText } from './schemas/common.ts';
import type { Kiosk, PageBlock } from './schemas/kiosk.ts';

/** Every text a visitor can read in a kiosk: home, pages (blocks, captions, map points) and quizzes. */
export function kioskTexts(kiosk: Pick<Kiosk, 'home' | 'pages' | 'quizzes'>): LocalizedText[] {
  const out: LocalizedText[] = [];
  const add = (text: LocalizedText | undefined) => void (text !== undefined && out.push(text));
  add(kiosk.home.title);
  add(kiosk.home.subtitle);
  for (const section of kiosk.home.sections) {
    add(section.title);
    add(section.description);
  }
  for (const page of Object.values(kiosk.pages)) {
    add(page.title);
    for (const block of page.blocks) blockTexts(block, add);
  }
  for (const quiz of Object.values(kiosk.quizzes)) {
    add(quiz.title);
    add(quiz.intro);
    for (const q of quiz.questions) {
      add(q.text);
      q.choices.forEach(add);
      add(q.explanation);
    }
  }
  return out;
}

function blockTexts(block: PageBlock, add: (text: LocalizedText | undefined) => void): void {
  switch (block.kind) {
    case 'text':
      return add(block.text);
    case 'image':
    case 'video':
    case 'qr':
      return add(block.caption);
    case 'gallery':
      return block.images.forEach((image) => add(image.caption));
    case 'map':
      return block.points.forEach((point) => {
        add(point.title);
        add(point.text);
      });
    case 'links':
    case 'quiz':
      return;
  }
}

/** Whether every text exists in `lang` (a plain string is the same in every language). */
export function isComplete(texts: readonly LocalizedText[], lang: string): boolean {
  return texts.every((text) => typeof text === 'string' || typeof text[lang] === 'string');
}

/** The texts missing in `lang`, as the first available version of each, for an operator's checklist. */
export function missingIn(texts: readonly LocalizedText[], lang: string): string[] {
  return texts.flatMap((text) => (typeof text === 'string' || typeof text[lang] === 'string' ? [] : [Object.values(text)[0] ?? '']));
}
