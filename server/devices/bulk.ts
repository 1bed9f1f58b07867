import { isPanoError } from '../../playlists/errors.ts';
import { parseUnknown } from '../../playlists/parse.ts';
import type { LogPull, Command } from '../../playlists/schemas/device-api.ts';
import type { BulkResult } from '../../playlists/schemas/fleet-ops.ts';
import { DeviceSettings, type DeviceSummary } from '../../playlists/schemas/operator-api.ts';
import type { HubContext } from '../context.ts';
import { HttpError, notFound } from '../http/errors.ts';
import { issueCommand } from '../reports/commands.ts';
import { getDevice } from './fleet.ts';
import { updateDevice } from './pairing.ts';

/**
 * The single-screen operations, each behind one function that both the
 * one-screen routes and the fleet's bulk routes call (never copied): send a
 * command, and save a screen's settings.
 */
export async function requireDevice(hub: HubContext, id: string): Promise<DeviceSummary> {
  const device = await getDevice(hub, id);
  if (!device) throw notFound('device');
  return device;
}

export async function commandDevice(hub: HubContext, id: string, body: { name: Command['name']; log?: LogPull | undefined }, username: string): Promise<string> {
  await requireDevice(hub, id);
  return issueCommand(hub, id, body.name, username, body.log);
}

export async function saveDeviceSettings(hub: HubContext, id: string, settings: DeviceSettings, username: string): Promise<DeviceSummary> {
  if (!(await updateDevice(hub, id, settings, username))) throw notFound('device');
  return requireDevice(hub, id);
}

/**
 * The settings a screen has now, as PUT /api/devices/:id takes them, changed by `edit` and checked by the same schema.
 * Every field is carried over: one left out would take its default, and a bulk channel edit would reset the screen's volume or hours.
 */
const settingsOf = (d: DeviceSummary, edit: Partial<DeviceSettings>): DeviceSettings =>
  parseUnknown(
    DeviceSettings,
    { name: d.name, group: d.group, tags: d.tags, timeZone: d.timeZone, displays: d.displays, channel: d.channel, volume: d.volume, language: d.language, power: d.power, operatingHours: d.operatingHours, ...edit },
    'settings',
  );

/** What went wrong for one screen, as the API words it (a stable code and an English sentence). */
function failure(error: unknown): { code: string; message: string } {
  if (error instanceof HttpError || isPanoError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'internal error' };
}

/** Runs `one` for each screen in turn; one screen's refusal does not stop the others. */
async function eachDevice(ids: readonly string[], one: (id: string) => Promise<string | null>): Promise<BulkResult> {
  const results: BulkResult['results'] = [];
  for (const deviceId of new Set(ids)) {
    try {
      results.push({ deviceId, ok: true, commandId: await one(deviceId), error: null });
    } catch (error) {
      results.push({ deviceId, ok: false, commandId: null, error: failure(error) });
    }
  }
  return { results };
}

export const bulkCommand = (hub: HubContext, ids: readonly string[], body: { name: Command['name']; log?: LogPull | undefined }, username: string) =>
  eachDevice(ids, (id) => commandDevice(hub, id, body, username));

export const bulkChannel = (hub: HubContext, ids: readonly string[], channel: string | null, username: string) =>
  eachDevice(ids, async (id) => {
    await saveDeviceSettings(hub, id, settingsOf(await requireDevice(hub, id), { channel }), username);
    return null;
  });

export const bulkSettings = (hub: HubContext, ids: readonly string[], edit: { addTags: string[]; removeTags: string[]; timeZone?: string | undefined }, username: string) =>
  eachDevice(ids, async (id) => {
    const device = await requireDevice(hub, id);
    const tags = [...new Set([...device.tags, ...edit.addTags])].filter((t) => !edit.removeTags.includes(t));
    await saveDeviceSettings(hub, id, settingsOf(device, { tags, ...(edit.timeZone ? { timeZone: edit.timeZone } : {}) }), username);
    return null;
  });
