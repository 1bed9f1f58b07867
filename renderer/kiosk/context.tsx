import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { LocalizedText } from '../../playlists/schemas/common.ts';
import type { Kiosk } from '../../playlists/schemas/kiosk.ts';
import type { InteractionEvent } from '../../playlists/schemas/reports.ts';
import { pickLocalized } from '../i18n/pick.ts';
import type { MessageKey } from '../i18n/ui.ts';

export type InteractionAction = InteractionEvent['action'];
export type InteractionFields = Omit<InteractionEvent, 'type' | 'id' | 'at' | 'display' | 'action'>;

/** What every kiosk component needs: the visitor's language chain, media URLs, navigation and events. */
export interface KioskContextValue {
  kiosk: Kiosk;
  /** Visitor language → kiosk.fallback (English, then the screen default); before a choice, the screen default → vi → en. */
  chain: string[];
  /** The language the player's own texts are shown in. */
  uiLang: string;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  media: Readonly<Record<string, string>>;
  /** Width and height of an image asset when the playlist declares them: reserves its box before it loads. */
  size(asset: string): { width?: number; height?: number };
  emit(action: InteractionAction, fields?: InteractionFields): void;
  openPage(page: string): void;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('kiosk components must be rendered inside KioskLayer');
  return value;
}

/** A playlist text in the visitor's language (or its fallback), tagged with the language it is really in. */
export function Text({ text, as = 'span', className }: { text: LocalizedText; as?: 'span' | 'p' | 'h1' | 'h2' | 'h3' | 'figcaption' | 'strong'; className?: string }): ReactNode {
  const { chain } = useKiosk();
  const picked = pickLocalized(text, chain);
  return createElement(as, { lang: picked.lang, className }, picked.text);
}

/** The string alone, for attributes (alt, aria-label). */
export function useText(): (text: LocalizedText | undefined) => string {
  const { chain } = useKiosk();
  return (text) => (text === undefined ? '' : pickLocalized(text, chain).text);
}

/** A record id (RecordId: 8–64 of A–Z a–z 0–9 -). */
export function newEventId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
