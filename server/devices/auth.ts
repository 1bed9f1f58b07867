import { findOperator } from '../auth/sessions.ts';
import { bearer, DEVICE_TOKEN_PREFIX, sha256Hex } from '../auth/tokens.ts';
import type { HubContext } from '../context.ts';
import { forbidden, unauthorized } from '../http/errors.ts';
import type { Ctx } from '../http/router.ts';
import type { DeviceAuth } from './cache.ts';

/** The device behind a Bearer token, or 401. */
export async function findDevice(hub: HubContext, ctx: Ctx): Promise<DeviceAuth | undefined> {
  const token = bearer(ctx.req.headers.authorization);
  if (!token?.startsWith(DEVICE_TOKEN_PREFIX)) return undefined;
  return hub.devices.auth(sha256Hex(token), hub.now());
}

/** A device may only touch its own resources: 401 without a valid token, 403 for another device's id. */
export async function requireDevice(hub: HubContext, ctx: Ctx, deviceId: string): Promise<DeviceAuth> {
  const device = await findDevice(hub, ctx);
  if (!device) throw unauthorized('device token');
  if (device.id !== deviceId) throw forbidden(`this token belongs to device ${device.id}, not ${deviceId}`);
  return device;
}

/** Reading plain files (roots, media) is open to any paired device or signed-in operator. */
export async function requireReader(hub: HubContext, ctx: Ctx): Promise<void> {
  if (await findDevice(hub, ctx)) return;
  if (await findOperator(hub, ctx.req)) return;
  throw unauthorized('device token or operator session');
}
