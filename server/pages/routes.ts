import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stripTypeScriptTypes } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';
import { Id } from '../../playlists/schemas/common.ts';
import { CommandName } from '../../playlists/schemas/device-api.ts';
import { checkLogin, createUser, Login, NewUser } from '../accounts.ts';
import { audit, createApiToken, createSession, endSession, findOperator, operatorForm, requireOperator, sameOrigin, sessionCookie, type Operator } from '../auth/sessions.ts';
import type { HubContext } from '../context.ts';
import { chainFlags, getDevice, listDevices, recentCommands } from '../devices/fleet.ts';
import { confirmPairing, DeviceSettings, PairConfirm, revokeDevice, updateDevice } from '../devices/pairing.ts';
import { readForm } from '../http/body.ts';
import { HttpError, notFound } from '../http/errors.ts';
import { html as sendHtml, redirect } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import { sendFile } from '../media/serve.ts';
import { getChannel, publishDraft, saveDraft } from '../publish/channels.ts';
import { ChannelDraft } from '../publish/compose.ts';
import { EmergencyRequest, emergencyState, endEmergency, startEmergency } from '../publish/emergency.ts';
import { issueCommand } from '../reports/commands.ts';
import { filterFromQuery, InteractionFilter, interactionStats, PlayFilter, playsGrouped } from '../reports/queries.ts';
import { asHttp, query } from '../routes/operator-api.ts';
import { channelEditor, channelsPage, starterDraft } from './channels.ts';
import { devicePage } from './device.ts';
import { pairPage, fleetPage } from './fleet.ts';
import { deviceForm, flashFor, splitList } from './forms.ts';
import { html } from './html.ts';
import { page, type PageOptions } from './layout.ts';
import { auditPage, emergencyPage, loginPage, mediaPage, usersPage } from './misc.ts';
import { reportsPage } from './reports.ts';
import type { BadPath } from '../../playlists/errors.ts';
import type { MediaInfo } from '../media/store.ts';

/** The parts of a saved draft the quick forms touch (the rest passes through untouched). */
const EditableDraft = z.looseObject({
  items: z.record(z.string(), z.unknown()),
  assets: z.record(z.string(), z.unknown()).default({}),
  sequences: z.record(z.string(), z.looseObject({ items: z.array(z.string()) })),
});

const DASHBOARD_DIR = join(import.meta.dirname, '..', 'dashboard');

function show(ctx: Ctx, o: PageOptions, body: ReturnType<typeof html>, status = 200): void {
  sendHtml(ctx.res, status, page({ ...o, flash: o.flash ?? flashFor(ctx.url.searchParams.get('done')) }, body));
}

const channelIds = async (hub: HubContext) => (await hub.db.all<{ id: string }>("SELECT id FROM channels WHERE id <> 'emergency' ORDER BY id")).map((r) => r.id);

/** Only same-site paths are followed after login. */
const safeNext = (next: string | null) => (next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : '/');

export function renderError(hub: HubContext, req: IncomingMessage, res: ServerResponse, e: HttpError): void {
  if (e.status === 401 && req.method === 'GET') {
    redirect(res, `/login?next=${encodeURIComponent(req.url ?? '/')}`);
    return;
  }
  const body = html`<section class="card"><h1>${e.status === 404 ? 'Not found' : e.status === 403 ? 'Not allowed' : 'Something went wrong'}</h1>
<p role="alert">${e.message}</p>${e.issues.length ? html`<ul class="issues">${e.issues.map((i) => html`<li><code>${i.path || '(root)'}</code>: ${i.message}</li>`)}</ul>` : ''}
<p><a href="/">Back to screens</a></p></section>`;
  void findOperator(hub, req)
    .catch(() => undefined)
    .then((op) => sendHtml(res, e.status, page({ title: 'Error', op }, body)));
}

export function pageRoutes(hub: HubContext, router: Router): void {
  let clientJs: string | undefined;
  router.on('GET', '/static/client.js', async (ctx) => {
    // Browser TS served without a bundler: Node strips the types once.
    clientJs ??= stripTypeScriptTypes(await readFile(join(DASHBOARD_DIR, 'client.ts'), 'utf8'));
    ctx.res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    ctx.res.end(clientJs);
  });
  router.on('GET', '/static/style.css', async (ctx) => {
    await sendFile(ctx.req, ctx.res, join(DASHBOARD_DIR, 'style.css'), 'text/css; charset=utf-8', '"style"');
  });

  router.on('GET', '/login', (ctx) => show(ctx, { title: 'Sign in' }, loginPage(safeNext(ctx.url.searchParams.get('next')))));
  router.on('POST', '/login', async (ctx) => {
    // Login CSRF: a form posted from another site could sign a victim into the attacker's account.
    if (!sameOrigin(ctx.req)) throw new HttpError(403, 'FORBIDDEN', 'cross-origin sign-in refused');
    const form = await readForm(ctx.req, 8 * 1024);
    const next = safeNext(form.get('next'));
    try {
      const login = query(Login, { username: form.get('username') ?? '', password: form.get('password') ?? '' }, 'login');
      const user = await checkLogin(hub, ctx.req.socket.remoteAddress ?? '', login);
      const session = await createSession(hub, user.id);
      redirect(ctx.res, next, { 'set-cookie': sessionCookie(hub, ctx.req, session.cookie) });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      show(ctx, { title: 'Sign in' }, loginPage(next, error.message), error.status);
    }
  });
  router.on('POST', '/logout', async (ctx) => {
    await operatorForm(hub, ctx, 'view');
    await endSession(hub, ctx.req);
    redirect(ctx.res, '/login', { 'set-cookie': sessionCookie(hub, ctx.req, '', 0) });
  });

  router.on('GET', '/', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'view');
    const state = await emergencyState(hub);
    show(ctx, { title: 'Screens', op, active: '/', autoRefresh: true }, fleetPage(op, await listDevices(hub), hub.now(), state?.active ?? false));
  });

  router.on('GET', '/pair', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'view');
    show(ctx, { title: 'Pair a screen', op, active: '/' }, pairPage(op, ctx.url.searchParams.get('code') ?? '', await channelIds(hub)));
  });
  router.on('POST', '/pair', async (ctx) => {
    const { op, form } = await operatorForm(hub, ctx, 'pair');
    try {
      const body = query(PairConfirm, { code: form.get('code') ?? '', ...deviceForm(form) }, 'pairing');
      const id = await confirmPairing(hub, body, op.username);
      redirect(ctx.res, `/devices/${encodeURIComponent(id)}?done=paired`);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error;
      const detail = error.issues.length ? error.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : error.message;
      show(ctx, { title: 'Pair a screen', op }, pairPage(op, form.get('code') ?? '', await channelIds(hub), detail), error.status);
    }
  });

  router.on('GET', '/devices/:id', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'view');
    const d = await getDevice(hub, ctx.params.id!);
    if (!d) throw notFound('screen');
    show(ctx, { title: d.name, op, active: '/', autoRefresh: true }, devicePage(op, d, await chainFlags(hub, d.id), await recentCommands(hub, d.id), await channelIds(hub), hub.now()));
  });
  router.on('POST', '/devices/:id', async (ctx) => {
    const { op, form } = await operatorForm(hub, ctx, 'pair');
    const body = query(DeviceSettings, deviceForm(form), 'screen settings');
    if (!(await updateDevice(hub, ctx.params.id!, body, op.username))) throw notFound('screen');
    redirect(ctx.res, `/devices/${encodeURIComponent(ctx.params.id!)}?done=saved`);
  });
  router.on('POST', '/devices/:id/command', async (ctx) => {
    const { op, form } = await operatorForm(hub, ctx, 'command');
    const name = query(CommandName, form.get('name'), 'command');
    if (!(await getDevice(hub, ctx.params.id!))) throw notFound('screen');
    await issueCommand(hub, ctx.params.id!, name, op.username);
    redirect(ctx.res, `/devices/${encodeURIComponent(ctx.params.id!)}?done=command`);
  });
  router.on('POST', '/devices/:id/revoke', async (ctx) => {
    const { op } = await operatorForm(hub, ctx, 'revoke');
    await revokeDevice(hub, ctx.params.id!, op.username);
    redirect(ctx.res, `/devices/${encodeURIComponent(ctx.params.id!)}?done=revoked`);
  });
  router.on('GET', '/screenshots/:device/:file', async (ctx) => {
    await requireOperator(hub, ctx, 'view');
    const device = query(Id, ctx.params.device, 'device');
    const file = ctx.params.file!;
    if (!/^[A-Za-z0-9-]{8,64}\.png$/.test(file)) throw notFound('screenshot');
    await sendFile(ctx.req, ctx.res, join(hub.dataDir, 'screenshots', device, file), 'image/png', `"${file}"`);
  });

  router.on('GET', '/channels', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'view');
    const rows = await hub.db.all<Parameters<typeof channelsPage>[1][number]>(
      'SELECT id, title, version, draft_by, draft_at, submitted_at, submitted_by, published_at, published_by FROM channels ORDER BY id',
    );
    show(ctx, { title: 'Channels', op, active: '/channels' }, channelsPage(op, rows, hub.now()));
  });
  router.on('POST', '/channels', async (ctx) => {
    const { op, form } = await operatorForm(hub, ctx, 'draft');
    const id = query(Id, form.get('id'), 'channel id');
    if (await getChannel(hub, id)) throw new HttpError(409, 'CONFLICT', `channel ${id} already exists`);
    const title = query(z.string().trim().min(1).max(200), form.get('title'), 'title');
    await saveDraft(hub, id, starterDraft(title), op.username, false).catch((e: unknown) => Promise.reject(asHttp(e)));
    redirect(ctx.res, `/channels/${encodeURIComponent(id)}?done=saved`);
  });

  const editor = async (ctx: Ctx, op: Operator, id: string, draftText?: string, issues: readonly BadPath[] = [], status = 200) => {
    const c = await getChannel(hub, id);
    if (!c) throw notFound('channel');
    const media = await hub.db.all<{ sha256: string; name: string; type: string }>("SELECT sha256, name, type FROM media WHERE type LIKE 'image/%' OR type LIKE 'video/%' ORDER BY name");
    show(ctx, { title: c.title, op, active: '/channels' }, channelEditor(op, c, draftText ?? c.draft, media, issues, hub.now()), status);
  };
  router.on('GET', '/channels/:id', async (ctx) => editor(ctx, await requireOperator(hub, ctx, 'view'), ctx.params.id!));
  router.on('POST', '/channels/:id', async (ctx) => {
    const { op, form } = await operatorForm(hub, ctx, 'draft', 2 * 1024 * 1024);
    const id = query(Id, ctx.params.id, 'channel id');
    if (!(await getChannel(hub, id))) throw notFound('channel');
    const text = form.get('draft') ?? '';
    const submit = form.get('action') === 'submit';
    let draft: unknown;
    try {
      draft = JSON.parse(text);
    } catch (error) {
      return editor(ctx, op, id, text, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }], 400);
    }
    try {
      await saveDraft(hub, id, draft, op.username, submit);
    } catch (error) {
      const e = asHttp(error);
      if (e instanceof HttpError && e.status === 400) return editor(ctx, op, id, text, e.issues.length ? e.issues : [{ path: '', message: e.message }], 400);
      throw e;
    }
    redirect(ctx.res, `/channels/${encodeURIComponent(id)}?done=${submit ? 'submitted' : 'saved'}`);
  });
  router.on('POST', '/channels/:id/add', async (ctx) => {
    const { op, form } = await operatorForm(hub, ctx, 'draft');
    const c = await getChannel(hub, ctx.params.id!);
    if (!c) throw notFound('channel');
    const draft = query(EditableDraft, JSON.parse(c.draft), 'saved draft');
    const duration = Number(form.get('duration') ?? 10) || 10;
    const seq = draft.sequences.main ?? Object.values(draft.sequences)[0];
    if (!seq) throw new HttpError(400, 'SCHEMA_INVALID', 'the draft has no sequence to add to');
    const itemId = `item-${hub.now().toString(36)}`;
    if (form.get('kind') === 'media') {
      const media = await hub.db.get<Pick<MediaInfo, 'sha256' | 'type'>>('SELECT sha256, type FROM media WHERE sha256 = $1', [form.get('sha256') ?? '']);
      if (!media) throw notFound('media');
      draft.assets[`m-${media.sha256.slice(0, 12)}`] = { sha256: media.sha256 };
      draft.items[itemId] = media.type.startsWith('video/')
        ? { kind: 'video', asset: `m-${media.sha256.slice(0, 12)}` }
        : { kind: 'image', asset: `m-${media.sha256.slice(0, 12)}`, duration };
    } else {
      draft.items[itemId] = { kind: 'slide', template: 'headline', duration, fields: { title: query(z.string().trim().min(1).max(200), form.get('title'), 'headline') } };
    }
    seq.items.push(itemId);
    await saveDraft(hub, c.id, draft, op.username, false).catch((e: unknown) => Promise.reject(asHttp(e)));
    redirect(ctx.res, `/channels/${encodeURIComponent(c.id)}?done=added`);
  });
  router.on('POST', '/channels/:id/audience', async (ctx) => {
    const { op, form } = await operatorForm(hub, ctx, 'draft');
    const c = await getChannel(hub, ctx.params.id!);
    if (!c) throw notFound('channel');
    const draft = query(ChannelDraft, JSON.parse(c.draft), 'saved draft') as Record<string, unknown>;
    draft.audience = { all: form.get('all') === '1', tags: splitList(form.get('tags')).map((t) => t.toLowerCase()), devices: splitList(form.get('devices')) };
    try {
      await saveDraft(hub, c.id, draft, op.username, false);
    } catch (error) {
      const e = asHttp(error);
      if (e instanceof HttpError && e.status === 400) return editor(ctx, op, c.id, JSON.stringify(draft, null, 2), e.issues.length ? e.issues : [{ path: '', message: e.message }], 400);
      throw e;
    }
    redirect(ctx.res, `/channels/${encodeURIComponent(c.id)}?done=saved`);
  });
  router.on('POST', '/channels/:id/publish', async (ctx) => {
    const { op } = await operatorForm(hub, ctx, 'publish');
    await publishDraft(hub, ctx.params.id!, op.username).catch((e: unknown) => Promise.reject(asHttp(e)));
    redirect(ctx.res, `/channels/${encodeURIComponent(ctx.params.id!)}?done=published`);
  });

  router.on('GET', '/media', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'view');
    const rows = await hub.db.all<{ sha256: string; size: number; type: string; name: string; duration_sec: number | null; width: number | null; height: number | null; codec: string | null; warning: string | null; created_at: number; uploaded_by: string }>(
      'SELECT * FROM media ORDER BY created_at DESC LIMIT 500',
    );
    const media = rows.map((r) => ({ ...r, durationSec: r.duration_sec }));
    show(ctx, { title: 'Media', op, active: '/media' }, mediaPage(op, media, hub.now()));
  });

  router.on('GET', '/emergency', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'view');
    const devices = await hub.db.all<{ id: string; name: string }>('SELECT id, name FROM devices WHERE revoked_at IS NULL ORDER BY name');
    show(ctx, { title: 'Emergency', op, active: '/emergency' }, emergencyPage(op, await emergencyState(hub), devices));
  });
  router.on('POST', '/emergency', async (ctx) => {
    const { op, form } = await operatorForm(hub, ctx, 'emergency');
    const body = query(EmergencyRequest, { title: form.get('title') ?? '', message: form.get('message') ?? '', devices: form.get('all') ? [] : form.getAll('device') }, 'takeover');
    await startEmergency(hub, body, op.username).catch((e: unknown) => Promise.reject(asHttp(e)));
    redirect(ctx.res, '/emergency?done=emergency');
  });
  router.on('POST', '/emergency/end', async (ctx) => {
    const { op } = await operatorForm(hub, ctx, 'emergency');
    await endEmergency(hub, op.username);
    redirect(ctx.res, '/emergency?done=ended');
  });

  router.on('GET', '/reports', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'view');
    const raw = filterFromQuery(ctx.url.searchParams);
    const parsed = PlayFilter.safeParse(raw);
    const filter = parsed.success ? parsed.data : PlayFilter.parse({});
    const error = parsed.success ? undefined : `Filter ignored: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    const qs = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][]).toString();
    const stats = await interactionStats(hub.db, InteractionFilter.parse({ from: filter.from, to: filter.to, device: filter.device }));
    show(ctx, { title: 'Reports', op, active: '/reports' }, reportsPage(filter, qs, await playsGrouped(hub.db, filter), stats, error), parsed.success ? 200 : 400);
  });

  router.on('GET', '/audit', async (ctx) => {
    const op = await requireOperator(hub, ctx, 'view');
    show(ctx, { title: 'Audit log', op, active: '/audit' }, auditPage(await hub.db.all('SELECT at, username, action, detail FROM audit ORDER BY at DESC LIMIT 500')));
  });

  const users = (ctx: Ctx, op: Operator, token?: string) =>
    hub.db
      .all<{ username: string; role: string; created_at: number }>('SELECT username, role, created_at FROM users ORDER BY username')
      .then((rows) => show(ctx, { title: 'Users', op, active: '/users' }, usersPage(op, rows, token)));
  router.on('GET', '/users', async (ctx) => users(ctx, await requireOperator(hub, ctx, 'view')));
  router.on('POST', '/users', async (ctx) => {
    const { op, form } = await operatorForm(hub, ctx, 'users');
    const body = query(NewUser, { username: form.get('username') ?? '', password: form.get('password') ?? '', role: form.get('role') ?? '' }, 'user');
    await createUser(hub, body);
    await audit(hub, op.username, 'user-create', `${body.username} (${body.role})`);
    redirect(ctx.res, '/users?done=user');
  });
  router.on('POST', '/tokens', async (ctx) => {
    const { op, form } = await operatorForm(hub, ctx, 'view');
    const name = query(z.string().trim().min(1).max(100), form.get('name'), 'token name');
    const token = await createApiToken(hub, op.userId, name);
    await audit(hub, op.username, 'token-create', name);
    await users(ctx, op, token);
  });
}
