import { decodeBase64 } from '../../playlists/base64.ts';
import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { keyIdOf } from '../../playlists/keys.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import type { RevocationNotice } from '../../playlists/schemas/device-trust.ts';
import type { HubContext } from '../context.ts';

const utf8 = new TextEncoder();

/**
 * The signed notice that a device's pairing is revoked, or null when it is
 * not. Open to anyone: a revoked screen has no token left to show, and a
 * notice says nothing secret. It names the device key the revoked pairing
 * held, so it cannot revoke the screen again after it pairs with a new key
 * (docs/signing.md, "Signed by the hub").
 */
export async function revocationNotice(hub: HubContext, deviceId: string): Promise<string | null> {
  const row = await hub.db.get<{ public_key: string; revoked_at: number | null }>('SELECT public_key, revoked_at FROM devices WHERE id = $1', [deviceId]);
  if (row?.revoked_at == null) return null;
  const notice: RevocationNotice = {
    type: 'revocation',
    deviceId,
    deviceKeyId: keyIdOf(decodeBase64(row.public_key)),
    revokedAt: new Date(Number(row.revoked_at)).toISOString(),
  };
  return serializeEnvelope(signEnvelope(PAYLOAD_TYPES.revocation, utf8.encode(JSON.stringify(notice)), [hub.publisher]));
}
