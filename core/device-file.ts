import { mkdir, readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson } from '../playlists/parse.ts';
import { Id } from '../playlists/schemas/common.ts';
import { writeFileAtomic } from './util/fs-atomic.ts';

const DeviceFile = z.strictObject({
  deviceId: Id,
  createdAt: z.string(),
  /** Local API secret: random per install, never leaves the machine. */
  apiToken: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * DATA/device.json: the device id and the local API token, created on first
 * start and stable afterwards. Apart from the key (core/identity.ts) because
 * `pano player` needs the token to launch Chromium before the core and its
 * crypto are loaded.
 */
export async function loadDeviceFile(dataDir: string, overrideId?: string): Promise<{ deviceId: string; apiToken: string }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const devicePath = join(dataDir, 'device.json');
  const device = await readOrCreate(devicePath, async () => {
    const file = {
      deviceId: overrideId ?? `pano-${randomBytes(6).toString('hex')}`,
      createdAt: new Date().toISOString(),
      apiToken: randomBytes(32).toString('hex'),
    };
    return `${JSON.stringify(file, null, 2)}\n`;
  });
  const parsed = parseJson(DeviceFile, device, devicePath);
  return { deviceId: overrideId ?? parsed.deviceId, apiToken: parsed.apiToken };
}

export async function readOrCreate(path: string, make: () => Promise<string>): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = await make();
  await writeFileAtomic(path, text);
  return text;
}
