import type { PlayerState } from '../../playlists/schemas/local-api.ts';
import { languageChain, playerScreenText } from '../i18n/index.ts';
import { Brand } from './Brand.tsx';

/** Until the first playlist is ready: real download progress from the core. */
export function PreparingView({ state }: { state: PlayerState }) {
  const chain = languageChain(null, state.language);
  const text = playerScreenText('preparing', chain, state);
  const p = state.progress;
  const fraction = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.assetsTotal > 0 ? p.assetsReady / p.assetsTotal : 0;
  return (
    <Brand kind="preparing" title={text.title} lines={text.lines}>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="progress-bar" style={{ transform: `scaleX(${Math.min(1, Math.max(0, fraction))})` }} />
      </div>
    </Brand>
  );
}
