import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson, parseJsonText } from '../../playlists/parse.ts';
import type { DeviceSettingsDocument } from '../../playlists/schemas/device-trust.ts';
import type { RootMetadata } from '../../playlists/schemas/root.ts';
import { MAX_DEVICE_DOC_BYTES, verifyDeviceSettings } from '../../playlists/trust-device.ts';
import { writeFileAtomic } from '../util/fs-atomic.ts';

/** What a verified settings document changes in the core's config (and in config.json, so a restart keeps it). */
export type AppliedSettings = { settingsVersion: number; tags: string[]; timeZone: string; displays: DeviceSettingsDocument['displays']; volume: number; language?: string; power?: DeviceSettingsDocument['power'] | undefined; operatingHours?: DeviceSettingsDocument['operatingHours'] | undefined };

/**
 * A `settings` push event: the hub's device-settings envelope (docs/signing.md,
 * "Signed by the hub"). Verified against the hub role of the trusted root, for
 * this device, never older than the settings applied (ROLLBACK); then written
 * into config.json. Throws PanoError; nothing is applied from an unverified event.
 */
export async function applyDeviceSettings(eventData: string, o: { root: RootMetadata; deviceId: string; dataDir: string; appliedVersion?: number | undefined }): Promise<AppliedSettings> {
  const envelope = parseJson(z.string().max(MAX_DEVICE_DOC_BYTES), eventData, 'settings event', { maxBytes: MAX_DEVICE_DOC_BYTES * 2 });
  const doc = verifyDeviceSettings(envelope, { root: o.root, deviceId: o.deviceId, ...(o.appliedVersion === undefined ? {} : { appliedVersion: o.appliedVersion }) }).value;
  const applied: AppliedSettings = {
    settingsVersion: doc.version,
    tags: doc.tags,
    timeZone: doc.timeZone,
    // Display names are for operators; the core's displays are id, orientation and touch.
    displays: doc.displays.map(({ id, orientation, touch }) => ({ id, orientation, touch })),
    // A document without a volume (an older hub) means full volume, not "keep the last one".
    volume: doc.volume ?? 100,
    ...(doc.language ? { language: doc.language } : {}),
    // Absent (an older hub): the screen's own default, not a backend kept from before.
    power: doc.power,
    // Absent: no hours of the screen's own (hours set before are cleared).
    operatingHours: doc.operatingHours,
  };
  const path = join(o.dataDir, 'config.json');
  let config: Record<string, unknown> = {};
  try {
    const parsed = parseJsonText(await readFile(path, 'utf8'), path);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
  } catch {
    // No config file yet (a core configured in memory).
  }
  await writeFileAtomic(path, `${JSON.stringify({ ...config, ...applied }, null, 2)}\n`);
  return applied;
}
