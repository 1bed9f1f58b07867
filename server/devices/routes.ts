import { join } from 'node:path';
import { parseUnknown } from '../../playlists/parse.ts';
import { Id } from '../../playlists/schemas/common.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import { notFound } from '../http/errors.ts';
import type { Router } from '../http/router.ts';
import { sendFile, userContentHeaders } from '../media/serve.ts';
import { issueCommand } from '../reports/commands.ts';
import { chainFlags, getDevice, listDevices, recentCommands } from './fleet.ts';
import { confirmPairing, revokeDevice, updateDevice } from './pairing.ts';

async function requireDevice(hub: HubContext, id: string) {
  const device = await getDevice(hub, id);
  if (!device) throw notFound('device');
  return device;
}

/** The fleet as operators see and steer it (the screens' own protocol is server/routes/device-api.ts). */
export function fleetRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.listDevices, async () => ({ devices: await listDevices(hub) }));
  api(hub, router, API.getDevice, async ({ params }) => {
    const device = await requireDevice(hub, params.id!);
    return { device, chainFlags: await chainFlags(hub, device.id), commands: await recentCommands(hub, device.id) };
  });
  api(hub, router, API.updateDevice, async ({ op, body, params }) => {
    if (!(await updateDevice(hub, params.id!, body, op.username))) throw notFound('device');
    return { device: await requireDevice(hub, params.id!) };
  });
  api(hub, router, API.confirmPairing, async ({ op, body }) => ({ deviceId: await confirmPairing(hub, body, op.username) }));
  api(hub, router, API.revokeDevice, async ({ op, params }) => {
    if (!(await revokeDevice(hub, params.id!, op.username))) throw notFound('active device');
    return { ok: true };
  });
  api(hub, router, API.command, async ({ op, body, params }) => {
    await requireDevice(hub, params.id!);
    return { id: await issueCommand(hub, params.id!, body.name, op.username) };
  });
  api(hub, router, API.screenshot, async ({ ctx, params }) => {
    userContentHeaders(ctx.res, 'image/png'); // the screen sent these bytes
    const device = parseUnknown(Id, params.id, 'device');
    const file = params.file!;
    if (!/^[A-Za-z0-9-]{8,64}\.png$/.test(file)) throw notFound('screenshot');
    await sendFile(ctx.req, ctx.res, join(hub.dataDir, 'screenshots', device, file), 'image/png', `"${file}"`);
  });
}
