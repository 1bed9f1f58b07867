import { z } from 'zod';
import { AbsoluteUrl, Id, Lang, LocalizedText } from './common.ts';
import { Subtitles } from './items.ts';

/** Languages the kiosk's picker offers by default, in this order. */
export const KIOSK_LANGUAGES = ['vi', 'en', 'fr', 'zh', 'ja', 'ko', 'th', 'id', 'ms', 'km', 'lo', 'my', 'fil'] as const;

const Fraction = z.number().min(0).max(1);

/** Building blocks of an interactive page. Every image or video is a cached, hashed asset. */
export const PageBlock = z.discriminatedUnion('kind', [
  /** Paragraphs separated by blank lines; **bold** is the only markup. */
  z.strictObject({ kind: z.literal('text'), text: LocalizedText }),
  z.strictObject({ kind: z.literal('image'), asset: Id, caption: LocalizedText.optional() }),
  z.strictObject({
    kind: z.literal('gallery'),
    images: z.array(z.strictObject({ asset: Id, caption: LocalizedText.optional() })).min(1).max(50),
  }),
  z.strictObject({ kind: z.literal('video'), asset: Id, subtitles: Subtitles.optional(), caption: LocalizedText.optional() }),
  z.strictObject({
    kind: z.literal('map'),
    asset: Id,
    points: z
      .array(
        z.strictObject({
          id: Id,
          x: Fraction,
          y: Fraction,
          title: LocalizedText,
          text: LocalizedText.optional(),
          page: Id.optional(),
        }),
      )
      .max(100),
  }),
  z.strictObject({ kind: z.literal('qr'), url: AbsoluteUrl, caption: LocalizedText.optional() }),
  z.strictObject({ kind: z.literal('links'), pages: z.array(Id).min(1).max(20) }),
  z.strictObject({ kind: z.literal('quiz'), quiz: Id }),
]);
export type PageBlock = z.infer<typeof PageBlock>;

export const Page = z.strictObject({
  title: LocalizedText,
  blocks: z.array(PageBlock).min(1).max(100),
});
export type Page = z.infer<typeof Page>;

export const Quiz = z.strictObject({
  title: LocalizedText,
  intro: LocalizedText.optional(),
  questions: z
    .array(
      z
        .strictObject({
          text: LocalizedText,
          choices: z.array(LocalizedText).min(2).max(6),
          /** Index into choices. */
          answer: z.int().min(0),
          explanation: LocalizedText.optional(),
        })
        .refine((q) => q.answer < q.choices.length, { message: 'answer is not one of the choices', path: ['answer'], params: { rule: 'answerNotChoice' } }),
    )
    .min(1)
    .max(50),
});
export type Quiz = z.infer<typeof Quiz>;

/**
 * Touch kiosk: a tap on the attract loop opens `home`; after `idleSeconds`
 * without touch a `countdownSeconds` "continue?" prompt, then back to the loop.
 */
export const Kiosk = z.strictObject({
  /** Display roles that are touch kiosks; absent = every display. */
  displays: z.array(Id).min(1).optional(),
  idleSeconds: z.int().min(10).max(3_600).default(60),
  countdownSeconds: z.int().min(3).max(60).default(10),
  /** Languages the picker may offer, in this order. */
  languages: z.array(Lang).min(1).max(30).default([...KIOSK_LANGUAGES]),
  /**
   * `complete`: the picker offers only the listed languages in which every
   * text of the kiosk exists (a visitor who picks Thai reads Thai, not a
   * mix); `listed`: every listed language, gaps filled by `fallback`.
   */
  offer: z.enum(['complete', 'listed']).default('complete'),
  /**
   * Where a text missing in the visitor's language comes from, in order:
   * languages, and `screen` for the screen's own language. Default: English
   * (which most visitors read), then the screen's language.
   */
  fallback: z.array(z.union([Lang, z.literal('screen')])).min(1).max(6).default(['en', 'screen']),
  home: z.strictObject({
    title: LocalizedText,
    subtitle: LocalizedText.optional(),
    background: Id.optional(),
    sections: z
      .array(
        z.strictObject({
          id: Id,
          title: LocalizedText,
          description: LocalizedText.optional(),
          icon: Id.optional(),
          page: Id,
        }),
      )
      .min(1)
      .max(12),
  }),
  pages: z.record(Id, Page),
  quizzes: z.record(Id, Quiz).default({}),
});
export type Kiosk = z.infer<typeof Kiosk>;
