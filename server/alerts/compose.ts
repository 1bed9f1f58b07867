import { randomUUID } from 'node:crypto';
import type { Alert, AlertMessage, AlertSettings } from '../../playlists/schemas/alerts.ts';
import type { HubContext } from '../context.ts';
import { alertOf, tagsOf, unsent, type AlertRow } from './store.ts';

/** Minutes since local midnight in `timeZone`. */
function localMinutes(now: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(now));
  const v = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return v('hour') * 60 + v('minute');
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Quiet hours in the hub's zone; from > to crosses midnight (22:00–06:00). */
export function isQuiet(settings: AlertSettings, now: number, timeZone: string): boolean {
  if (!settings.quietHours) return false;
  const t = localMinutes(now, timeZone);
  const from = minutesOf(settings.quietHours.from);
  const to = minutesOf(settings.quietHours.to);
  return from <= to ? t >= from && t < to : t >= from || t < to;
}

interface Pending {
  row: AlertRow;
  alert: Alert;
  tags: string[];
  closing: boolean;
}

/**
 * Turns alerts not yet told into messages: one per e-mail recipient entry and
 * one for the webhook, each holding every alert that opened or closed within
 * the group window (so twenty screens of one power cut are one message).
 * Waits for the window to pass after the first of them, and for quiet hours
 * to end. An alert that opened and closed before it was told is a blip: it is
 * recorded, not sent.
 */
export async function compose(hub: HubContext, settings: AlertSettings): Promise<number> {
  const now = hub.now();
  const rows = await unsent(hub);
  if (rows.length === 0) return 0;
  const first = Math.min(...rows.map((r) => Number(r.open_sent ? r.closed_at : r.opened_at)));
  if (now < first + settings.groupSeconds * 1000 || isQuiet(settings, now, hub.timeZone)) return 0;
  const pending: Pending[] = [];
  const blips: AlertRow[] = [];
  for (const row of rows) {
    if (!row.open_sent && row.closed_at !== null) blips.push(row);
    else pending.push({ row, alert: alertOf(row), tags: tagsOf(row), closing: Boolean(row.open_sent) });
  }
  const messages: { channel: string; recipients: string[]; body: AlertMessage }[] = [];
  const message = (chosen: Pending[]): AlertMessage => ({
    id: randomUUID(),
    sentAt: new Date(now).toISOString(),
    opened: chosen.filter((p) => !p.closing).map((p) => p.alert),
    closed: chosen.filter((p) => p.closing).map((p) => p.alert),
  });
  const everyone = settings.recipients.length === 0;
  const matches = (entry: AlertSettings['recipients'][number], p: Pending) => entry.rules.includes(p.alert.rule) && (entry.tags.length === 0 || entry.tags.some((t) => p.tags.includes(t)));
  if (settings.webhook) {
    const chosen = pending.filter((p) => everyone || settings.recipients.some((e) => e.webhook && matches(e, p)));
    if (chosen.length) messages.push({ channel: 'webhook', recipients: [], body: message(chosen) });
  }
  if (settings.smtp) {
    for (const entry of settings.recipients) {
      const chosen = pending.filter((p) => matches(entry, p));
      if (chosen.length && entry.emails.length) messages.push({ channel: 'mail', recipients: entry.emails, body: message(chosen) });
    }
  }
  const told = await hub.db
    .tx(async (db) => {
      // Marked first and only where still unmarked: a second hub process composing at the same moment rolls back here.
      const marks = [
        ...pending.map((p) => [p.closing ? 'UPDATE alerts SET close_sent = 1 WHERE id = $1 AND close_sent = 0' : 'UPDATE alerts SET open_sent = 1 WHERE id = $1 AND open_sent = 0', p.row.id] as const),
        ...blips.map((b) => ['UPDATE alerts SET open_sent = 1, close_sent = 1 WHERE id = $1 AND open_sent = 0', b.id] as const),
      ];
      for (const [sql, id] of marks) if ((await db.run(sql, [id])).changes !== 1) throw new ComposedElsewhere();
      for (const m of messages) {
        await db.run("INSERT INTO alert_messages (id, created_at, channel, recipients, body, state, next_at) VALUES ($1, $2, $3, $4, $5, 'pending', $2)", [
          m.body.id,
          now,
          m.channel,
          JSON.stringify(m.recipients),
          JSON.stringify(m.body),
        ]);
      }
      return messages.length;
    })
    .catch((error: unknown) => {
      if (error instanceof ComposedElsewhere) return 0;
      throw error;
    });
  return told;
}

class ComposedElsewhere extends Error {}
