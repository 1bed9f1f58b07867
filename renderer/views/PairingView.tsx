import type { PlayerState } from '../../playlists/schemas/local-api.ts';
import { languageChain, playerScreenText } from '../i18n/index.ts';
import { QrCode } from '../slides/qr.tsx';
import { Brand } from './Brand.tsx';

/** No credentials yet: the pairing code, and a QR code of the pairing URL, both from the core. */
export function PairingView({ state }: { state: PlayerState }) {
  const chain = languageChain(null, state.language);
  const fmt = (iso: string) => new Intl.DateTimeFormat(state.language, { timeZone: state.timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  const text = playerScreenText('pairing', chain, state, fmt);
  return (
    <Brand kind="pairing" title={text.title} lines={text.lines}>
      {state.pairing && (
        <div className="pairing">
          <div className="pairing-code" data-code={state.pairing.code}>
            {state.pairing.code}
          </div>
          <QrCode value={state.pairing.url} className="pairing-qr" />
        </div>
      )}
    </Brand>
  );
}
