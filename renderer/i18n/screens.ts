import type { PlayerState } from '../../playlists/schemas/local-api.ts';
import { uiText } from './ui.ts';

export type PlayerScreen = 'preparing' | 'pairing' | 'idle';

/** Texts of the player's own full-screen views, ready to render. */
export interface PlayerScreenText {
  title: string;
  lines: string[];
}

/**
 * What the preparing, pairing and idle views say, in the screen's language
 * chain. `formatTime` renders the pairing expiry (the caller knows the zone).
 */
export function playerScreenText(
  screen: PlayerScreen,
  chain: readonly string[],
  state?: Pick<PlayerState, 'progress' | 'pairing'>,
  formatTime: (iso: string) => string = (iso) => iso,
): PlayerScreenText {
  switch (screen) {
    case 'preparing': {
      const p = state?.progress;
      const lines = p && p.assetsTotal > 0 ? [uiText('preparingProgress', chain, { done: p.assetsReady, total: p.assetsTotal })] : [];
      return { title: uiText('preparingTitle', chain), lines };
    }
    case 'pairing': {
      const lines = [uiText('pairingInstructions', chain)];
      if (state?.pairing) lines.push(uiText('pairingExpires', chain, { time: formatTime(state.pairing.expiresAt) }));
      return { title: uiText('pairingTitle', chain), lines };
    }
    case 'idle':
      return { title: uiText('idleTitle', chain), lines: [uiText('idleText', chain)] };
  }
}
