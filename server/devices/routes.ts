import { join } from 'node:path';
import { parseUnknown } from '../../playlists/parse.ts';
import { Id } from '../../playlists/schemas/common.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import { notFound } from '../http/errors.ts';
import type { Router } from '../http/router.ts';
import { sendFile, userContentHeaders } from '../media/serve.ts';
import { latestLog, SCREENSHOT_FILE } from '../reports/command-results.ts';
import { bulkChannel, bulkCommand, bulkSettings, commandDevice, requireDevice, saveDeviceSettings } from './bulk.ts';
import { chainFlags, listDevices, recentCommands } from './fleet.ts';
import { confirmPairing, revokeDevice } from './pairing.ts';

/** The fleet as operators see and steer it (the screens' own protocol is server/routes/device-api.ts). */
export function fleetRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.listDevices, async () => ({ devices: await listDevices(hub) }));
  api(hub, router, API.getDevice, async ({ params }) => {
    const device = await requireDevice(hub, params.id!);
    return { device, chainFlags: await chainFlags(hub, device.id), commands: await recentCommands(hub, device.id), log: await latestLog(hub, device.id) };
  });
  api(hub, router, API.updateDevice, async ({ op, body, params }) => ({ device: await saveDeviceSettings(hub, params.id!, body, op.username) }));
  api(hub, router, API.confirmPairing, async ({ op, body }) => ({ deviceId: await confirmPairing(hub, body, op.username) }));
  api(hub, router, API.revokeDevice, async ({ op, params }) => {
    if (!(await revokeDevice(hub, params.id!, op.username))) throw notFound('active device');
    return { ok: true };
  });
  api(hub, router, API.command, async ({ op, body, params }) => ({ id: await commandDevice(hub, params.id!, body, op.username) }));
  api(hub, router, API.screenshot, async ({ ctx, params }) => {
    userContentHeaders(ctx.res, 'image/png'); // the screen sent these bytes
    const device = parseUnknown(Id, params.id, 'device');
    const file = params.file!;
    if (!SCREENSHOT_FILE.test(file)) throw notFound('screenshot');
    await sendFile(ctx.req, ctx.res, join(hub.dataDir, 'screenshots', device, file), 'image/png', `"${file}"`);
  });
  api(hub, router, API.deviceLog, async ({ ctx, params }) => {
    const log = await latestLog(hub, parseUnknown(Id, params.id, 'device'));
    if (!log) throw notFound('log');
    // The screen wrote these bytes: never rendered by the browser, always saved as a file.
    userContentHeaders(ctx.res, 'text/plain');
    const stamp = log.pulledAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    ctx.res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="pano-${params.id}-${stamp}.log"`,
      'content-length': Buffer.byteLength(log.text, 'utf8'),
    });
    ctx.res.end(log.text);
  });
  // One action on many screens: each screen through the single-screen operation above.
  api(hub, router, API.bulkCommand, async ({ op, body }) => bulkCommand(hub, body.deviceIds, body, op.username));
  api(hub, router, API.bulkChannel, async ({ op, body }) => bulkChannel(hub, body.deviceIds, body.channel, op.username));
  api(hub, router, API.bulkSettings, async ({ op, body }) => bulkSettings(hub, body.deviceIds, body, op.username));
}
