import { API } from '../../playlists/schemas/operator-api.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import type { Router } from '../http/router.ts';
import { financeRoutes } from './finance-routes.ts';
import { reportMailRoutes } from './report-mail-routes.ts';
import { interactionStats, playReasons, playsDetail, playsGrouped, toCsv } from './queries.ts';

export function reportRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.plays, async ({ query }) => ({ group: query.group, rows: await playsGrouped(hub.db, query), reasons: await playReasons(hub.db, query) }));
  api(hub, router, API.playsCsv, async ({ ctx, query }) => {
    const csv = toCsv(await playsDetail(hub.db, query));
    ctx.res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="proof-of-play${query.from ? `-${query.from}` : ''}${query.to ? `-${query.to}` : ''}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    ctx.res.end(csv);
  });
  financeRoutes(hub, router);
  reportMailRoutes(hub, router);
  api(hub, router, API.interactions, ({ query }) => interactionStats(hub.db, query));
  api(hub, router, API.audit, async ({ query }) => {
    const rows = await hub.db.all<{ at: number; username: string; action: string; detail: string }>('SELECT at, username, action, detail FROM audit ORDER BY at DESC LIMIT $1', [query.limit]);
    return { entries: rows.map((e) => ({ ...e, at: new Date(Number(e.at)).toISOString() })) };
  });
}
