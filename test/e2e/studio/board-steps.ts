import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { serializeEnvelope, signEnvelope } from '../../../playlists/dsse.ts';
import { parsePrivateKeyFile } from '../../../playlists/keys.ts';
import { PAYLOAD_TYPES } from '../../../playlists/schemas/envelope.ts';
import { RootMetadata } from '../../../playlists/schemas/root.ts';
import { verifyRootSelf } from '../../../playlists/trust.ts';
import { op, opJson, type TestHub } from '../hub/helpers.ts';

/** The board specs' shared steps: signing in several browsers at once, and naming the approvers' browser keys in the root. */

/** studio.ts's signIn, with room for three browsers starting at once on a loaded 2-core machine (its 5 s once ran out at load 20). */
export async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('correct horse battery');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible({ timeout: 30_000 });
}

/**
 * The root key holders rotate the root to name every registered approver key
 * as the board (here the hub's demo root key signs it); answers the new root.
 */
export async function rotateToBoard(t: TestHub, threshold: number): Promise<{ root: RootMetadata; keys: { keyid: string; public: string; username: string }[] }> {
  const registered = await opJson<{ keys: { keyid: string; public: string; username: string }[] }>(t.url, t.admin, 'GET', '/api/approver-keys');
  const v1 = verifyRootSelf(await (await op(t.url, t.admin, 'GET', '/feed/root/1.json')).text()).value;
  const next: RootMetadata = structuredClone(v1);
  next.version = 2;
  for (const k of registered.keys) next.keys[k.keyid] = { keytype: 'ed25519', public: k.public };
  next.roles.board = { keyids: registered.keys.map((k) => k.keyid), threshold };
  const rootKey = parsePrivateKeyFile(readFileSync(join(t.dataDir, 'keys', 'DEMO-root.key'), 'utf8'));
  const rotated = serializeEnvelope(signEnvelope(PAYLOAD_TYPES.root, new TextEncoder().encode(JSON.stringify(RootMetadata.parse(next))), [rootKey]));
  expect((await op(t.url, t.admin, 'POST', '/api/roots', JSON.parse(rotated))).status).toBe(201);
  return { root: RootMetadata.parse(next), keys: registered.keys };
}
