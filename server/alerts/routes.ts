import { API } from '../../playlists/schemas/operator-api.ts';
import type { AlertSettings } from '../../playlists/schemas/alerts.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import type { Router } from '../http/router.ts';
import type { AlertMonitor } from './monitor.ts';
import { listAlerts, loadSettings, saveSettings } from './store.ts';

/** Secrets are written, never read back: the studio learns only whether one is set. */
const view = (s: AlertSettings) => ({
  ...s,
  smtp: s.smtp && { ...s.smtp, password: '' },
  webhook: s.webhook && { ...s.webhook, secret: '' },
  smtpPasswordSet: Boolean(s.smtp?.password),
  webhookSecretSet: Boolean(s.webhook?.secret),
});

export function alertRoutes(hub: HubContext, router: Router, monitor: AlertMonitor): void {
  api(hub, router, API.listAlerts, async () => listAlerts(hub));
  api(hub, router, API.alertSettings, async () => view(await loadSettings(hub)));
  api(hub, router, API.saveAlertSettings, async ({ op, body }) => {
    const old = await loadSettings(hub);
    // An empty password or secret keeps the stored one (the form never holds it).
    const next: AlertSettings = {
      ...body,
      smtp: body.smtp && { ...body.smtp, password: body.smtp.password || (old.smtp?.password ?? '') },
      webhook: body.webhook && { ...body.webhook, secret: body.webhook.secret || (old.webhook?.secret ?? '') },
    };
    await saveSettings(hub, next);
    await audit(hub, op.username, 'alerts.settings', `smtp ${next.smtp ? next.smtp.host : 'off'}, webhook ${next.webhook ? new URL(next.webhook.url).host : 'off'}, ${next.recipients.length} recipient groups`);
    void monitor.tick();
    return view(next);
  });
}
