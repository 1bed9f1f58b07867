import type { LanguageMode } from '../../playlists/schemas/items.ts';
import { assertNever } from '../../playlists/errors.ts';
import { pickText } from '../i18n/index.ts';
import { Slide } from '../slides/Slide.tsx';
import { TickerStrip } from '../zones/TickerStrip.tsx';
import { tickerSegments } from '../zones/ticker-text.ts';
import { TimedSlot } from './timed-slot.ts';
import { subtitlesToShow } from './subtitles.ts';
import { VideoSlot } from './video-slot.ts';
import type { ResolvedItem, Slot, SlotContext } from './types.ts';

/** How long a ticker shown in a main zone stays when it names no duration. */
const TICKER_IN_MAIN_SECONDS = 20;

export interface SlotFactoryContext extends Omit<SlotContext, 'startAt'> {
  /** Language chains for pass `pass` of an item; `bilingual`: without a mode, both hall languages (slides). */
  chainsFor(mode: LanguageMode | undefined, pass: number, bilingual?: boolean): string[][];
}

export function makeSlot(res: ResolvedItem, pass: number, startAt: number, ctx: SlotFactoryContext): Slot {
  const item = res.item;
  const chains = ctx.chainsFor(item.languages, pass, item.kind === 'slide');
  const slotCtx: SlotContext = { ...ctx, startAt };
  switch (item.kind) {
    case 'video':
    case 'hls':
      return new VideoSlot(res, { ...slotCtx, subtitles: subtitlesToShow(res, chains) });
    case 'image':
      return new TimedSlot(res, item.duration, { image: res.src ?? '', fit: item.fit, alt: item.alt ? pickText(item.alt, chains[0] ?? []) : '' });
    case 'slide':
      return new TimedSlot(res, item.duration, { node: <Slide item={item} chains={chains} mediaUrl={ctx.mediaUrl} now={ctx.now} /> });
    case 'ticker':
      return new TimedSlot(res, item.duration ?? TICKER_IN_MAIN_SECONDS, { node: <TickerStrip segments={tickerSegments(item, chains)} speed={item.speed} /> });
    default:
      return assertNever(item, 'item kind');
  }
}
