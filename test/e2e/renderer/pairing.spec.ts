import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlayerCore, type PlayerCore } from '../../../core/index.ts';
import { headlessPorts } from '../../../core/ports.ts';
import { startTestHub, type TestHub } from '../hub/helpers.ts';
import { decodeQr } from './qr.ts';

let hub: TestHub | undefined;
let core: PlayerCore | undefined;
let dataDir: string | undefined;
test.afterEach(async () => {
  await core?.stop();
  await hub?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('pairing: the screen shows the hub’s code, and its QR code opens the hub’s pairing page for that code', async ({ page }) => {
  // A real hub, and a new player with no credentials: the core asks the hub for a code (its pairing phase).
  hub = await startTestHub('sqlite');
  dataDir = await mkdtemp(join(tmpdir(), 'pano-pairing-'));
  core = createPlayerCore({ dataDir, hubUrl: hub.url, deviceId: 'pairing-screen', apiPort: 0, pairingPollMs: 60_000 }, headlessPorts);
  const player = core;
  const shown = new Promise<{ code: string; url: string }>((resolve) => player.on('state', (s) => s.pairing && resolve(s.pairing)));
  await core.start();
  const pairing = await shown;
  expect(core.state().phase).toBe('pairing');

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(core.localUrl('main'));
  const view = page.locator('[data-view="pairing"]');
  await expect(view.locator('.brand-title')).toHaveText('Kết nối màn hình'); // the screen's language, Vietnamese by default
  await expect(view.locator('.pairing-code')).toHaveText(pairing.code);
  await expect(view.locator('.pairing-qr')).toBeVisible();

  // Read the QR code off the screen as a phone would.
  const url = decodeQr(await page.screenshot());
  expect(url).toBe(pairing.url);
  expect(url!.startsWith(`${hub.url}/`)).toBe(true);
  expect(new URL(url!).searchParams.get('code')).toBe(pairing.code);
});
