import { z } from 'zod';
import { Id } from '../../playlists/schemas/common.ts';
import { CommandName } from '../../playlists/schemas/device-api.ts';
import { isPanoError } from '../../playlists/errors.ts';
import { checkLogin, createUser, Login, NewUser } from '../accounts.ts';
import { audit, createApiToken, createSession, endSession, requireOperator, sessionCookie } from '../auth/sessions.ts';
import type { HubContext } from '../context.ts';
import { chainFlags, getDevice, listDevices, recentCommands } from '../devices/fleet.ts';
import { confirmPairing, DeviceSettings, PairConfirm, revokeDevice, updateDevice } from '../devices/pairing.ts';
import { readBody, readJson } from '../http/body.ts';
import { HttpError, notFound } from '../http/errors.ts';
import { json } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import { mediaInfo, receiveUpload } from '../media/store.ts';
import { getChannel, publishDraft, publishEnvelope, saveDraft } from '../publish/channels.ts';
import { EmergencyRequest, emergencyState, endEmergency, startEmergency } from '../publish/emergency.ts';
import { addRoot } from '../publish/keys.ts';
import { issueCommand } from '../reports/commands.ts';
import { filterFromQuery, InteractionFilter, interactionStats, PlayFilter, playsDetail, playsGrouped, toCsv } from '../reports/queries.ts';
import { parseUnknown } from '../../playlists/parse.ts';

/** PanoError from the domain (bad draft, bad signature) → 400/409/422 with its code and paths. */
export function asHttp(error: unknown): unknown {
  if (!isPanoError(error)) return error;
  const status = error.code === 'ROLLBACK' || error.code === 'VERSION_CONFLICT' ? 409 : error.code === 'TOO_LARGE' ? 413 : error.code === 'INTERNAL' ? 500 : 400;
  return new HttpError(status, error.code, error.message, error.issues);
}

export function query<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  try {
    return parseUnknown(schema, value, what);
  } catch (error) {
    throw asHttp(error);
  }
}

const DraftBody = z.strictObject({ draft: z.unknown(), submit: z.boolean().default(false) });
const CommandBody = z.strictObject({ name: CommandName });
const TokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
const UploadName = z.string().trim().min(1).max(200).regex(/^[^/\\\0]+$/, 'a file name without slashes');

export function operatorRoutes(hub: HubContext, router: Router): void {
  router.on('POST', '/api/login', async (ctx) => {
    const body = await readJson(ctx.req, Login, 'login', 8 * 1024);
    const user = await checkLogin(hub, ctx.req.socket.remoteAddress ?? '', body);
    const session = await createSession(hub, user.id);
    json(ctx.res, 200, { user, csrf: session.csrf }, { 'set-cookie': sessionCookie(hub, ctx.req, session.cookie) });
  });

  router.on('POST', '/api/logout', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    await endSession(hub, ctx.req);
    json(ctx.res, 200, { ok: true }, { 'set-cookie': sessionCookie(hub, ctx.req, '', 0) });
  });

  router.on('GET', '/api/me', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'view');
    json(ctx.res, 200, { username: op.username, role: op.role, csrf: op.csrf ?? null });
  });

  router.on('GET', '/api/devices', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    json(ctx.res, 200, { devices: await listDevices(hub) });
  });

  router.on('GET', '/api/devices/:id', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    const device = await getDevice(hub, ctx.params.id!);
    if (!device) throw notFound('device');
    json(ctx.res, 200, { device, chainFlags: await chainFlags(hub, device.id), commands: await recentCommands(hub, device.id) });
  });

  router.on('PUT', '/api/devices/:id', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'pair');
    const body = await readJson(ctx.req, DeviceSettings, 'device settings');
    if (!(await updateDevice(hub, ctx.params.id!, body, op.username))) throw notFound('device');
    json(ctx.res, 200, { ok: true });
  });

  router.on('POST', '/api/pairings/confirm', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'pair');
    const body = await readJson(ctx.req, PairConfirm, 'pairing');
    json(ctx.res, 201, { deviceId: await confirmPairing(hub, body, op.username) });
  });

  router.on('POST', '/api/devices/:id/revoke', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'revoke');
    if (!(await revokeDevice(hub, ctx.params.id!, op.username))) throw notFound('active device');
    json(ctx.res, 200, { ok: true });
  });

  router.on('POST', '/api/devices/:id/command', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'command');
    const body = await readJson(ctx.req, CommandBody, 'command');
    if (!(await getDevice(hub, ctx.params.id!))) throw notFound('device');
    json(ctx.res, 201, { id: await issueCommand(hub, ctx.params.id!, body.name, op.username) });
  });

  router.on('GET', '/api/channels', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    const rows = await hub.db.all('SELECT id, title, version, draft_by, draft_at, submitted_at, submitted_by, published_at, published_by FROM channels ORDER BY id');
    json(ctx.res, 200, { channels: rows });
  });

  router.on('GET', '/api/channels/:id', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    const row = await getChannel(hub, ctx.params.id!);
    if (!row) throw notFound('channel');
    json(ctx.res, 200, { ...row, draft: JSON.parse(row.draft) as unknown });
  });

  router.on('PUT', '/api/channels/:id/draft', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'draft');
    const id = query(Id, ctx.params.id, 'channel id');
    const body = await readJson(ctx.req, DraftBody, 'draft');
    await saveDraft(hub, id, body.draft, op.username, body.submit).catch((e: unknown) => Promise.reject(asHttp(e)));
    json(ctx.res, 200, { ok: true });
  });

  router.on('POST', '/api/channels/:id/publish', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'publish');
    const version = await publishDraft(hub, ctx.params.id!, op.username).catch((e: unknown) => Promise.reject(asHttp(e)));
    json(ctx.res, 200, { channel: ctx.params.id, version });
  });

  // `pano publish`: the body is the signed envelope itself.
  router.on('POST', '/api/publish', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'publish');
    const text = (await readBody(ctx.req, hub.limits.maxEnvelopeBytes)).toString('utf8');
    const result = await publishEnvelope(hub, text, op.username).catch((e: unknown) => Promise.reject(asHttp(e)));
    json(ctx.res, 200, result);
  });

  router.on('POST', '/api/media', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'upload');
    const name = query(UploadName, ctx.url.searchParams.get('name') ?? '', 'name');
    json(ctx.res, 201, await receiveUpload(hub, ctx.req, name, op.username));
  });

  router.on('GET', '/api/media', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    json(ctx.res, 200, { media: await hub.db.all('SELECT * FROM media ORDER BY created_at DESC LIMIT 500') });
  });

  router.on('GET', '/api/media/:sha', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    const info = await mediaInfo(hub, ctx.params.sha!);
    if (!info) throw notFound('media');
    json(ctx.res, 200, info);
  });

  router.on('GET', '/api/emergency', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    json(ctx.res, 200, (await emergencyState(hub)) ?? { active: false });
  });

  router.on('POST', '/api/emergency', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'emergency');
    const body = await readJson(ctx.req, EmergencyRequest, 'emergency');
    json(ctx.res, 200, { version: await startEmergency(hub, body, op.username).catch((e: unknown) => Promise.reject(asHttp(e))) });
  });

  router.on('DELETE', '/api/emergency', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'emergency');
    await endEmergency(hub, op.username);
    json(ctx.res, 200, { ok: true });
  });

  router.on('GET', '/api/reports/plays', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    const filter = query(PlayFilter, filterFromQuery(ctx.url.searchParams), 'report filter');
    json(ctx.res, 200, { group: filter.group, rows: await playsGrouped(hub.db, filter) });
  });

  router.on('GET', '/api/reports/plays.csv', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    const filter = query(PlayFilter, filterFromQuery(ctx.url.searchParams), 'report filter');
    const csv = toCsv(await playsDetail(hub.db, filter));
    ctx.res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="proof-of-play${filter.from ? `-${filter.from}` : ''}${filter.to ? `-${filter.to}` : ''}.csv"`,
      'cache-control': 'no-store',
    });
    ctx.res.end(csv);
  });

  router.on('GET', '/api/reports/interactions', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    const filter = query(InteractionFilter, filterFromQuery(ctx.url.searchParams), 'report filter');
    json(ctx.res, 200, await interactionStats(hub.db, filter));
  });

  router.on('POST', '/api/users', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'users');
    const body = await readJson(ctx.req, NewUser, 'user');
    const id = await createUser(hub, body);
    await audit(hub, op.username, 'user-create', `${body.username} (${body.role})`);
    json(ctx.res, 201, { id });
  });

  router.on('POST', '/api/tokens', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'view');
    const body = await readJson(ctx.req, TokenBody, 'token');
    const token = await createApiToken(hub, op.userId, body.name);
    await audit(hub, op.username, 'token-create', body.name);
    json(ctx.res, 201, { token });
  });

  router.on('POST', '/api/roots', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'roots');
    const text = (await readBody(ctx.req, 1024 * 1024)).toString('utf8');
    const version = await addRoot(hub.db, text, new Date(hub.now())).catch((e: unknown) => Promise.reject(asHttp(e)));
    await audit(hub, op.username, 'root', `root v${version}`);
    json(ctx.res, 201, { version });
  });

  router.on('GET', '/api/audit', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    json(ctx.res, 200, { entries: await hub.db.all('SELECT at, username, action, detail FROM audit ORDER BY at DESC LIMIT 200') });
  });
}
