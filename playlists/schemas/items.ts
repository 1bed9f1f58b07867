import { z } from 'zod';
import { AbsoluteUrl, Color, Id, Instant, Lang, LocalizedText, MediaUrl, Seconds } from './common.ts';

export const Transition = z.strictObject({
  type: z.enum(['cut', 'fade']),
  /** Length of a fade; ignored for cut. */
  ms: z.int().min(0).max(5_000).default(500),
});
export type Transition = z.infer<typeof Transition>;

/**
 * How an item's texts choose a language. `one`: the screen's language with
 * the fallback chain. `rotate`: the next language of `languages` on every
 * pass of the loop. `both`: the first two languages at once (e.g. vi above en).
 */
export const LanguageMode = z.strictObject({
  show: z.enum(['one', 'rotate', 'both']),
  languages: z.array(Lang).min(1).max(6),
});
export type LanguageMode = z.infer<typeof LanguageMode>;

/** Subtitle tracks: language → id of a text/vtt asset. */
export const Subtitles = z.record(Lang, Id);

const Fit = z.enum(['contain', 'cover']).default('contain');
const Volume = z.number().min(0).max(1).default(0);

const common = {
  /** Shown in the dashboard and proof-of-play reports. */
  title: LocalizedText.optional(),
  transition: Transition.optional(),
  languages: LanguageMode.optional(),
};

export const VideoItem = z.strictObject({
  ...common,
  kind: z.literal('video'),
  asset: Id,
  /** Absent: the clip's own length. Present: cut at this many seconds. */
  duration: Seconds.optional(),
  /** 0 (muted, the default) to 1. */
  volume: Volume,
  fit: Fit,
  subtitles: Subtitles.optional(),
});

const hlsCommon = { ...common, kind: z.literal('hls'), volume: Volume, fit: Fit, subtitles: Subtitles.optional() };

/** A live stream is never cached; it needs a duration in the loop and a fallback for when it fails. */
export const HlsLiveItem = z.strictObject({
  ...hlsCommon,
  mode: z.literal('live'),
  url: z.union([AbsoluteUrl, MediaUrl]),
  duration: Seconds,
  /** Item to play instead while the stream is down or stalled. */
  fallback: Id.optional(),
});

/** An HLS VOD mirrored into the cache, every file pinned by hash. */
export const HlsVodItem = z.strictObject({
  ...hlsCommon,
  mode: z.literal('vod'),
  asset: Id,
  duration: Seconds.optional(),
});

export const ImageItem = z.strictObject({
  ...common,
  kind: z.literal('image'),
  asset: Id,
  duration: Seconds,
  fit: Fit,
  alt: LocalizedText.optional(),
});

const SlideTheme = z.strictObject({ background: Color, foreground: Color, accent: Color });

const slideCommon = {
  ...common,
  kind: z.literal('slide'),
  duration: Seconds,
  /** Optional background image asset. */
  background: Id.optional(),
  theme: SlideTheme.optional(),
};

export const HeadlineSlide = z.strictObject({
  ...slideCommon,
  template: z.literal('headline'),
  fields: z.strictObject({ title: LocalizedText, subtitle: LocalizedText.optional(), image: Id.optional() }),
});

export const FactCardSlide = z.strictObject({
  ...slideCommon,
  template: z.literal('fact-card'),
  fields: z.strictObject({
    title: LocalizedText,
    facts: z.array(z.strictObject({ value: LocalizedText, label: LocalizedText })).min(1).max(6),
    image: Id.optional(),
    source: LocalizedText.optional(),
  }),
});

export const ProductCardSlide = z.strictObject({
  ...slideCommon,
  template: z.literal('product-card'),
  fields: z.strictObject({
    name: LocalizedText,
    image: Id,
    description: LocalizedText.optional(),
    origin: LocalizedText.optional(),
    /** e.g. "OCOP ★★★★". */
    badge: LocalizedText.optional(),
    price: LocalizedText.optional(),
  }),
});

export const EventCountdownSlide = z.strictObject({
  ...slideCommon,
  template: z.literal('event-countdown'),
  fields: z.strictObject({
    title: LocalizedText,
    eventAt: Instant,
    place: LocalizedText.optional(),
    image: Id.optional(),
    /** Shown instead of the countdown once eventAt has passed. */
    afterText: LocalizedText.optional(),
  }),
});

export const QrCtaSlide = z.strictObject({
  ...slideCommon,
  template: z.literal('qr-cta'),
  fields: z.strictObject({
    title: LocalizedText,
    /** Encoded in the QR code, generated on the screen. */
    url: AbsoluteUrl,
    text: LocalizedText.optional(),
    caption: LocalizedText.optional(),
  }),
});

/** What an emergency says in one language: a short title (what happens) and what to do. */
const EmergencyText = z.strictObject({ title: z.string().trim().min(1).max(200), message: z.string().trim().max(500).optional() });

/**
 * An emergency notice: the fixed bilingual label "KHẨN CẤP / EMERGENCY" with
 * an icon drawn by the screen, then the Vietnamese text and, below it, the
 * English one (both always shown, whatever the screen's language).
 */
export const EmergencySlide = z.strictObject({
  ...slideCommon,
  template: z.literal('emergency'),
  fields: z.strictObject({
    icon: z.enum(['warning', 'storm', 'flood', 'fire']).default('warning'),
    vi: EmergencyText,
    /** Absent: the notice is shown in Vietnamese alone (under the bilingual label). */
    en: EmergencyText.optional(),
  }),
});

export const SlideItem = z.discriminatedUnion('template', [HeadlineSlide, FactCardSlide, ProductCardSlide, EventCountdownSlide, QrCtaSlide, EmergencySlide]);
export const SLIDE_TEMPLATES = ['headline', 'fact-card', 'product-card', 'event-countdown', 'qr-cta', 'emergency'] as const;

export const TickerItem = z.strictObject({
  ...common,
  kind: z.literal('ticker'),
  messages: z.array(LocalizedText).min(1).max(50),
  /** Scroll speed in CSS pixels per second at 1080p; scaled with the zone. */
  speed: z.number().min(10).max(1_000).default(120),
  separator: z.string().max(8).default(' • '),
  /** In a main zone: how long the ticker stays; in a ticker zone it runs while the entry lasts. */
  duration: Seconds.optional(),
});

export const Item = z.discriminatedUnion('kind', [
  VideoItem,
  z.discriminatedUnion('mode', [HlsLiveItem, HlsVodItem]),
  ImageItem,
  SlideItem,
  TickerItem,
]);
export type Item = z.infer<typeof Item>;
export type ItemKind = Item['kind'];
export type SlideItem = z.infer<typeof SlideItem>;
export type SlideTemplate = SlideItem['template'];
export type TickerItem = z.infer<typeof TickerItem>;
export type VideoItem = z.infer<typeof VideoItem>;
export type ImageItem = z.infer<typeof ImageItem>;
export type HlsItem = z.infer<typeof HlsLiveItem> | z.infer<typeof HlsVodItem>;

/** A loop of items played in order, then again. */
export const Sequence = z.strictObject({
  /** What operators call the loop (the studio names loops by it); screens ignore it. */
  title: LocalizedText.optional(),
  items: z.array(Id).min(1).max(1_000),
});
export type Sequence = z.infer<typeof Sequence>;
