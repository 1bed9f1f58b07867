import { API } from '../../playlists/schemas/operator-api.ts';
import { audit } from '../audit.ts';
import { loadSettings } from '../alerts/store.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import type { Router } from '../http/router.ts';
import { loadSchedule, reportSends, saveSchedule, sendReportNow } from './report-mail.ts';

async function view(hub: HubContext) {
  return { ...(await loadSchedule(hub)), smtpConfigured: (await loadSettings(hub)).smtp !== null, sends: await reportSends(hub) };
}

/** The monthly finance report mail (docs/hub.md, "Finance report by mail"). */
export function reportMailRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.reportSchedule, () => view(hub));
  api(hub, router, API.saveReportSchedule, async ({ op, body }) => {
    await saveSchedule(hub, body);
    await audit(hub, op.username, 'reports.schedule', `${body.enabled ? 'on' : 'off'}, day ${body.dayOfMonth} at ${body.hour}:00, ${body.formats.join('+')} (${body.lang}), ${body.recipients.length} recipient(s)`);
    return view(hub);
  });
  api(hub, router, API.sendReportNow, async ({ op }) => {
    const sent = await sendReportNow(hub);
    await audit(hub, op.username, 'reports.send-now', `${sent.period}: ${sent.ok ? 'sent' : `refused: ${sent.error}`}`);
    return sent;
  });
}
