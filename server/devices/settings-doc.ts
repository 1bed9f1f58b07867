import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { parseJsonText } from '../../playlists/parse.ts';
import type { DeviceSettingsDocument } from '../../playlists/schemas/device-trust.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { PowerBackend } from '../../playlists/schemas/reports.ts';
import { OperatingHoursList, type OperatingHours } from '../../playlists/schemas/schedule.ts';
import type { HubContext } from '../context.ts';
import { nextVersion } from '../publish/freshness.ts';

const utf8 = new TextEncoder();

/** The devices.operating_hours column: the screen's own hours as JSON, NULL for none. */
export const hoursColumn = (s: { operatingHours: readonly OperatingHours[] | null }): string | null => (s.operatingHours ? JSON.stringify(s.operatingHours) : null);

/** The column read back through the schema it was written with; NULL (or unreadable) is no hours. */
export function storedHours(text: string | null): OperatingHours[] | null {
  if (text === null) return null;
  try {
    return OperatingHoursList.safeParse(parseJsonText(text, 'device operating hours')).data ?? null;
  } catch {
    return null;
  }
}

/**
 * A device's settings (tags, zone, displays, volume, language, display power, opening hours) signed with the hub's key as a
 * device-settings document (docs/signing.md, "Signed by the hub"), for the
 * push stream. Its version comes from the hub's one growing counter, so a
 * screen can refuse an older document replayed to it. Null for an unknown
 * or revoked device.
 */
export async function deviceSettingsEnvelope(hub: HubContext, deviceId: string): Promise<string | null> {
  const row = await hub.db.get<{ tags: string; time_zone: string; displays: string; volume: number | null; language: string | null; power: string | null; operating_hours: string | null }>(
    'SELECT tags, time_zone, displays, volume, language, power, operating_hours FROM devices WHERE id = $1 AND revoked_at IS NULL',
    [deviceId],
  );
  if (!row) return null;
  const hours = storedHours(row.operating_hours);
  const doc: DeviceSettingsDocument = {
    type: 'device-settings',
    deviceId,
    version: await nextVersion(hub),
    issuedAt: new Date(hub.now()).toISOString(),
    tags: parseJsonText(row.tags, 'device tags') as string[],
    timeZone: row.time_zone,
    displays: parseJsonText(row.displays, 'device displays') as DeviceSettingsDocument['displays'],
    volume: row.volume === null ? 100 : Number(row.volume),
    ...(row.language ? { language: row.language } : {}),
    // NULL: the screen's own default, so the field is left out.
    ...(row.power ? { power: PowerBackend.parse(row.power) } : {}),
    // NULL: no hours of the screen's own; the screen clears any it applied before.
    ...(hours ? { operatingHours: hours } : {}),
  };
  return serializeEnvelope(signEnvelope(PAYLOAD_TYPES.deviceSettings, utf8.encode(JSON.stringify(doc)), [hub.publisher]));
}

/** Sends the device its signed settings now, when it holds a push stream to this process. */
export async function pushSettings(hub: HubContext, deviceId: string): Promise<void> {
  if (!hub.push.connected(deviceId)) return;
  const envelope = await deviceSettingsEnvelope(hub, deviceId);
  if (envelope) hub.push.send(deviceId, 'settings', envelope);
}
