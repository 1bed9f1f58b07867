import { parseUnknown } from '../../playlists/parse.ts';
import { Id } from '../../playlists/schemas/common.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import { notFound } from '../http/errors.ts';
import type { Ctx, Router } from '../http/router.ts';
import { htmlToPdf } from '../reports/finance-pdf.ts';
import { boardRecord } from './board-record.ts';
import { boardRecordHeaderFooter, boardRecordHtml } from './board-record-pdf.ts';
import { currentRootSummary, prepareNextRoot } from './root-prepare.ts';

function send(ctx: Ctx, type: string, name: string, bytes: Buffer): void {
  ctx.res.writeHead(200, { 'content-type': type, 'content-length': bytes.length, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  ctx.res.end(bytes);
}

const versionOf = (params: Record<string, string>) => {
  const version = Number(params.version);
  if (!Number.isSafeInteger(version) || version < 1) throw notFound('version');
  return { channel: parseUnknown(Id, params.id, 'channel id'), version };
};

/** The current root, preparing the next one (the board's keys), and the record of a published version (JSON, PDF, envelope). */
export function rootRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.currentRoot, () => currentRootSummary(hub));
  api(hub, router, API.prepareRoot, async ({ op, body }) => {
    const prepared = await prepareNextRoot(hub, body);
    await audit(hub, op.username, 'root-prepare', `root v${prepared.version} (board: ${body.approvers.length} key(s), threshold ${body.threshold})`);
    return prepared;
  });
  api(hub, router, API.boardRecord, ({ params }) => {
    const { channel, version } = versionOf(params);
    return boardRecord(hub, channel, version);
  });
  api(hub, router, API.boardRecordPdf, async ({ ctx, params, query }) => {
    const { channel, version } = versionOf(params);
    const record = await boardRecord(hub, channel, version);
    const { header, footer } = boardRecordHeaderFooter(record, query.lang, hub.timeZone, hub.now());
    send(ctx, API.boardRecordPdf.response.raw, `${channel}-v${version}-record.pdf`, await htmlToPdf(boardRecordHtml(record, query.lang, hub.timeZone), header, footer));
  });
  api(hub, router, API.versionEnvelope, async ({ ctx, params }) => {
    const { channel, version } = versionOf(params);
    const row = await hub.db.get<{ envelope: string }>('SELECT envelope FROM playlist_versions WHERE channel = $1 AND version = $2', [channel, version]);
    if (!row) throw notFound('version');
    send(ctx, API.versionEnvelope.response.raw, `${channel}-v${version}.json`, Buffer.from(row.envelope));
  });
}
