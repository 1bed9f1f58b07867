import { describe, expect, it } from 'vitest';
import { encodeBase64 } from './base64.ts';
import { keyIdOf } from './keys.ts';
import { PAYLOAD_TYPES } from './schemas/envelope.ts';
import type { DeviceSettingsDocument, RevocationNotice } from './schemas/device-trust.ts';
import { NOW, makeRoot, signedPayload, testKey, toBytes } from './trust.fixtures.ts';
import { verifyPlaylist } from './trust.ts';
import { verifyDeviceSettings, verifyRevocation } from './trust-device.ts';
import { Playlist } from './schemas/playlist.ts';

const [R, P1, H, X, D] = [testKey('dev-root'), testKey('dev-pub-1'), testKey('dev-hub'), testKey('dev-stranger'), testKey('dev-device')];
const utf8 = new TextEncoder();
const DEVICE_KEY = keyIdOf(D.publicKey);

// A board (P1) signs content; the hub's online key is the hub role alone.
const root = makeRoot({ root: [R], publishers: [P1] });
root.keys[H.keyid] = { keytype: 'ed25519', public: encodeBase64(H.publicKey) };
root.roles.hub = { keyids: [H.keyid], threshold: 1 };

const notice = (over: Partial<RevocationNotice> = {}): RevocationNotice => ({ type: 'revocation', deviceId: 'screen-1', deviceKeyId: DEVICE_KEY, revokedAt: '2026-06-01T00:00:00Z', ...over });
const settings = (over: Partial<DeviceSettingsDocument> = {}): DeviceSettingsDocument => ({
  type: 'device-settings',
  deviceId: 'screen-1',
  version: 4,
  issuedAt: '2026-06-01T00:00:00Z',
  tags: ['gate'],
  timeZone: 'Asia/Bangkok',
  language: 'en',
  displays: [{ id: 'main', orientation: 'portrait', touch: true, name: 'Cổng 3' }],
  ...over,
});
const sign = (value: unknown, type: string, ...signers: Parameters<typeof signedPayload>[1]) => toBytes(signedPayload(utf8.encode(JSON.stringify(value)), signers, type));
const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};
const opts = { root, deviceId: 'screen-1', deviceKeyId: DEVICE_KEY };

describe('revocation notices', () => {
  it('are believed only when the hub role signed one for this device and its current key', () => {
    expect(verifyRevocation(sign(notice(), PAYLOAD_TYPES.revocation, H), opts).value.deviceId).toBe('screen-1');
    expect(code(() => verifyRevocation(sign(notice(), PAYLOAD_TYPES.revocation, X), opts))).toBe('SIGNATURE_INVALID');
    // A board key is not the hub: it cannot revoke screens where a hub role exists.
    expect(code(() => verifyRevocation(sign(notice(), PAYLOAD_TYPES.revocation, P1), opts))).toBe('SIGNATURE_INVALID');
    expect(code(() => verifyRevocation(sign(notice({ deviceId: 'screen-2' }), PAYLOAD_TYPES.revocation, H), opts))).toBe('AUDIENCE_MISMATCH');
    // A notice kept from an earlier pairing (another device key) does not revoke the re-paired screen.
    expect(code(() => verifyRevocation(sign(notice({ deviceKeyId: 'b'.repeat(64) }), PAYLOAD_TYPES.revocation, H), opts))).toBe('AUDIENCE_MISMATCH');
    // Settings or freshness envelopes signed by the hub are not notices.
    expect(code(() => verifyRevocation(sign(notice(), PAYLOAD_TYPES.deviceSettings, H), opts))).toBe('UNKNOWN_PAYLOAD_TYPE');
  });

  it('refuse an unsigned or unreadable body (what a forged 401 would carry)', () => {
    expect(code(() => verifyRevocation(utf8.encode(JSON.stringify(notice())), opts))).toBe('SCHEMA_INVALID');
    expect(code(() => verifyRevocation(utf8.encode('{"error":"unauthorized"}'), opts))).toBe('SCHEMA_INVALID');
    expect(code(() => verifyRevocation(utf8.encode('<html>401</html>'), opts))).toBe('MALFORMED');
    const env = signedPayload(utf8.encode(JSON.stringify(notice())), [H], PAYLOAD_TYPES.revocation);
    expect(code(() => verifyRevocation({ ...env, signatures: [] }, opts))).toBe('SCHEMA_INVALID');
  });
});

describe('device settings', () => {
  it('are the hub role\'s to sign, for this device, never older than the applied ones', () => {
    const v = verifyDeviceSettings(sign(settings(), PAYLOAD_TYPES.deviceSettings, H), { root, deviceId: 'screen-1', appliedVersion: 4 });
    expect(v.value).toMatchObject({ tags: ['gate'], timeZone: 'Asia/Bangkok', displays: [{ name: 'Cổng 3' }] });
    expect(code(() => verifyDeviceSettings(sign(settings(), PAYLOAD_TYPES.deviceSettings, P1), { root, deviceId: 'screen-1' }))).toBe('SIGNATURE_INVALID');
    expect(code(() => verifyDeviceSettings(sign(settings(), PAYLOAD_TYPES.deviceSettings, H), { root, deviceId: 'screen-9' }))).toBe('AUDIENCE_MISMATCH');
    expect(code(() => verifyDeviceSettings(sign(settings({ version: 3 }), PAYLOAD_TYPES.deviceSettings, H), { root, deviceId: 'screen-1', appliedVersion: 4 }))).toBe('ROLLBACK');
    expect(code(() => verifyDeviceSettings(sign(settings({ timeZone: 'Mars/Base' }), PAYLOAD_TYPES.deviceSettings, H), { root, deviceId: 'screen-1' }))).toBe('SCHEMA_INVALID');
  });

  it('the hub key signs device documents, never content, where the root has a board', () => {
    // The hub key's signature over a playlist, under either payload type, does not count.
    const playlistLike = { channel: 'lobby', version: 1, expiresAt: '2027-01-01T00:00:00Z' };
    expect(code(() => verifyPlaylist(sign(playlistLike, PAYLOAD_TYPES.playlist, H), { root, now: NOW, payloadSchema: Playlist }))).toBe('SIGNATURE_INVALID');
    // A settings envelope handed to the playlist verifier is refused by its type before any key is tried.
    expect(code(() => verifyPlaylist(sign(settings(), PAYLOAD_TYPES.deviceSettings, H), { root, now: NOW, payloadSchema: Playlist }))).toBe('UNKNOWN_PAYLOAD_TYPE');
  });
});
