import { PairRequest } from '../../playlists/schemas/device-api.ts';
import { EventBatch, Heartbeat, PlayBatch } from '../../playlists/schemas/reports.ts';
import type { HubContext } from '../context.ts';
import { requireDevice, requireReader } from '../devices/auth.ts';
import { pairingStatus, startPairing } from '../devices/pairing.ts';
import { revocationNotice } from '../devices/revocation.ts';
import { deviceSettingsEnvelope } from '../devices/settings-doc.ts';
import { Id } from '../../playlists/schemas/common.ts';
import { HttpError, notFound } from '../http/errors.ts';
import { MAX_REPORT_BYTES, readJson } from '../http/body.ts';
import { json } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import { resolvePlaylist } from '../publish/channels.ts';
import { freshnessStatement } from '../publish/freshness.ts';
import { acceptCommandResult } from '../reports/command-results.ts';
import { unansweredCommands } from '../reports/commands.ts';
import { ingestEvents, ingestHeartbeat } from '../reports/ingest.ts';
import { ingestPlays } from '../reports/plays.ts';

function mismatch(bodyId: string, urlId: string): void {
  if (bodyId !== urlId) throw new HttpError(400, 'SCHEMA_INVALID', `deviceId ${bodyId} does not match the URL's device ${urlId}`, [{ path: 'deviceId', message: 'must be this device' }]);
}

export function deviceRoutes(hub: HubContext, router: Router): void {
  router.on('POST', '/api/pair', async (ctx) => {
    const body = await readJson(ctx.req, PairRequest, 'pair request', 8 * 1024);
    json(ctx.res, 201, await startPairing(hub, ctx.req, body));
  });

  router.on('GET', '/api/pair/:id', async (ctx) => {
    if (!/^[A-Za-z0-9_-]{16,128}$/.test(ctx.params.id!)) throw notFound('pairing');
    const status = await pairingStatus(hub, ctx.req, ctx.params.id!);
    if (!status) throw notFound('pairing');
    json(ctx.res, 200, status);
  });

  // The device's own signed playlist, answered 304 when it already has it.
  router.on('GET', '/feed/:device.json', async (ctx) => {
    const device = await requireDevice(hub, ctx, ctx.params.device!);
    const served = await hub.devices.playlist(device.id, hub.now(), () => resolvePlaylist(hub, device.id));
    if (!served) throw new HttpError(404, 'NOT_FOUND', 'no playlist is published for this screen yet');
    const headers = { etag: served.etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
    if (ctx.req.headers['if-none-match'] === served.etag) {
      ctx.res.writeHead(304, headers);
      ctx.res.end();
      return;
    }
    ctx.res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(served.body) });
    ctx.res.end(ctx.req.method === 'HEAD' ? undefined : served.body);
  });

  // A screen that got 401 asks here whether it was really revoked: only a notice signed by the hub's key makes it drop its pairing.
  router.on('GET', '/api/devices/:id/revocation', async (ctx) => {
    const id = Id.safeParse(ctx.params.id);
    const body = id.success ? await revocationNotice(hub, id.data) : null;
    if (!body) throw notFound('revocation');
    ctx.res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
    ctx.res.end(body);
  });

  // What this device should play now, signed with the hub's key and short-lived (docs/signing.md, "Freshness").
  router.on('GET', '/api/devices/:id/freshness', async (ctx) => {
    const device = await requireDevice(hub, ctx, ctx.params.id!);
    const body = await freshnessStatement(hub, device.id);
    ctx.res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
    ctx.res.end(body);
  });

  router.on('GET', '/feed/root/:n.json', async (ctx) => {
    await requireReader(hub, ctx);
    if (!/^[1-9]\d{0,8}$/.test(ctx.params.n!)) throw notFound('root');
    const row = await hub.db.get<{ envelope: string }>('SELECT envelope FROM roots WHERE version = $1', [Number(ctx.params.n)]);
    if (!row) throw notFound(`root v${ctx.params.n}`);
    ctx.res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache', 'content-length': Buffer.byteLength(row.envelope) });
    ctx.res.end(row.envelope);
  });

  router.on('GET', '/api/devices/:id/push', async (ctx) => {
    const device = await requireDevice(hub, ctx, ctx.params.id!);
    const write = hub.push.attach(device.id, ctx.res);
    // A reconnecting screen learns at once what it should play and what it missed (on this stream only).
    const served = await resolvePlaylist(hub, device.id);
    if (served) write('playlist', { channel: served.channel, version: served.version });
    for (const command of await unansweredCommands(hub, device.id)) write('command', command);
    // Then its signed settings, which it may have missed while away (docs/protocol.md, "Push stream").
    const settings = await deviceSettingsEnvelope(hub, device.id);
    if (settings) write('settings', settings);
  });

  router.on('POST', '/api/devices/:id/heartbeat', async (ctx) => {
    const device = await requireDevice(hub, ctx, ctx.params.id!);
    const hb = await readJson(ctx.req, Heartbeat, 'heartbeat', 256 * 1024);
    mismatch(hb.deviceId, device.id);
    json(ctx.res, 200, await ingestHeartbeat(hub, device, hb));
  });

  router.on('POST', '/api/devices/:id/plays', async (ctx) => {
    const device = await requireDevice(hub, ctx, ctx.params.id!);
    const batch = await readJson(ctx.req, PlayBatch, 'play batch', MAX_REPORT_BYTES);
    mismatch(batch.deviceId, device.id);
    batch.records.forEach((r, i) => {
      if (r.deviceId !== device.id) throw new HttpError(400, 'SCHEMA_INVALID', `records.${i}.deviceId is not this device`, [{ path: `records.${i}.deviceId`, message: 'must be this device' }]);
    });
    json(ctx.res, 200, await ingestPlays(hub, device, batch));
  });

  router.on('POST', '/api/devices/:id/events', async (ctx) => {
    const device = await requireDevice(hub, ctx, ctx.params.id!);
    const batch = await readJson(ctx.req, EventBatch, 'event batch', MAX_REPORT_BYTES);
    mismatch(batch.deviceId, device.id);
    json(ctx.res, 200, await ingestEvents(hub, device, batch));
  });

  router.on('POST', '/api/devices/:id/commands/:cid', async (ctx) => {
    const device = await requireDevice(hub, ctx, ctx.params.id!);
    const cmd = await hub.db.get<{ id: string; name: string; status: string }>('SELECT id, name, status FROM commands WHERE id = $1 AND device_id = $2', [
      ctx.params.cid!,
      device.id,
    ]);
    if (!cmd) throw notFound('command');
    await acceptCommandResult(hub, ctx, device.id, cmd);
    json(ctx.res, 200, { ok: true });
  });
}
