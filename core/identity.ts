import { join } from 'node:path';
import { formatPrivateKeyFile, generateKeyPair, parsePrivateKeyFile, type KeyPair } from '../playlists/keys.ts';
import { loadDeviceFile, readOrCreate } from './device-file.ts';

export interface Identity {
  deviceId: string;
  key: KeyPair;
  apiToken: string;
}

/**
 * The device's id, its own Ed25519 key (signs the play-record chain head) and
 * the local API token, created on first start and stable afterwards.
 */
export async function loadIdentity(dataDir: string, overrideId?: string): Promise<Identity> {
  const device = await loadDeviceFile(dataDir, overrideId);
  const keyPath = join(dataDir, 'device.key');
  const keyText = await readOrCreate(keyPath, async () => formatPrivateKeyFile(generateKeyPair()));
  return { deviceId: device.deviceId, key: parsePrivateKeyFile(keyText, keyPath), apiToken: device.apiToken };
}
