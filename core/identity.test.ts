import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/fixtures/core-harness.ts';
import { loadIdentity } from './identity.ts';

describe('device identity', () => {
  it('is created on first start and stable afterwards, readable only by the owner', async () => {
    const dir = await tempDir();
    try {
      const first = await loadIdentity(dir.dir);
      const again = await loadIdentity(dir.dir);
      expect(again.deviceId).toBe(first.deviceId);
      expect(again.key.keyid).toBe(first.key.keyid);
      expect(again.apiToken).toBe(first.apiToken);
      expect(first.deviceId).toMatch(/^pano-[0-9a-f]{12}$/);
      expect(first.apiToken).toMatch(/^[0-9a-f]{64}$/);
      for (const f of ['device.json', 'device.key']) expect((await stat(join(dir.dir, f))).mode & 0o077).toBe(0);
      const other = await tempDir();
      expect((await loadIdentity(other.dir)).apiToken).not.toBe(first.apiToken);
      await other.cleanup();
    } finally {
      await dir.cleanup();
    }
  });
});
