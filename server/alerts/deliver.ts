import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseJsonText, parseUnknown } from '../../playlists/parse.ts';
import { AlertMessage, type AlertSettings } from '../../playlists/schemas/alerts.ts';
import type { HubContext } from '../context.ts';
import { sendSmtp } from './smtp.ts';
import { body, subject } from './words.ts';

/** Retries wait 2 s, 4 s, 8 s … up to 15 minutes; after 12 failures the message is marked failed (shown in the log). */
export const BACKOFF_BASE_MS = 2000;
const BACKOFF_MAX_MS = 15 * 60_000;
export const MAX_ATTEMPTS = 12;
/** The wait after the `attempts`-th failure; the finance report's mail backs off the same way. */
export const backoffMs = (attempts: number): number => Math.min(BACKOFF_BASE_MS * 2 ** (attempts - 1), BACKOFF_MAX_MS);
/** A claimed message is someone's for this long: a process that dies while sending frees it again. */
const CLAIM_MS = 120_000;

export const signature = (secret: string, raw: string): string => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

async function sendWebhook(settings: AlertSettings, raw: string, id: string): Promise<void> {
  const hook = settings.webhook;
  if (!hook) throw new Error('no webhook is configured');
  const res = await fetch(hook.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pano-signature': signature(hook.secret, raw), 'x-pano-delivery': id, 'user-agent': 'pano-hub' },
    body: raw,
    signal: AbortSignal.timeout(10_000),
    redirect: 'error',
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}

/** Alert messages and the board's notices leave through the hub's one SMTP door (smtp.ts). */
async function sendMail(settings: AlertSettings, mail: { to: string[]; subject: string; text: string; id: string }): Promise<void> {
  await sendSmtp(settings.smtp, { to: mail.to, subject: mail.subject, text: mail.text, headers: { 'X-Pano-Message': mail.id } });
}

/** A mail already worded (the board's notices, server/publish/notices.ts), queued in the same outbox with the same retries. */
const WordedMail = z.object({ subject: z.string(), text: z.string() });

export async function queueMail(db: HubContext['db'], now: number, to: string[], subject: string, text: string): Promise<void> {
  await db.run("INSERT INTO alert_messages (id, created_at, channel, recipients, body, state, next_at) VALUES ($1, $2, 'notice', $3, $4, 'pending', $2)", [
    randomUUID(),
    now,
    JSON.stringify(to),
    JSON.stringify({ subject, text }),
  ]);
}

interface MessageRow {
  id: string;
  channel: string;
  recipients: string;
  body: string;
  attempts: number;
}

const Recipients = z.array(z.string());

/**
 * Sends the outbox's due messages. Each is claimed first (one process sends
 * it), marked sent when the server accepted it and never sent again; a
 * failure waits twice as long as the one before. The webhook carries the
 * message id (X-Pano-Delivery) so a receiver can drop a copy it already has
 * when our connection broke after its 2xx.
 */
export async function deliver(hub: HubContext, settings: AlertSettings): Promise<number> {
  const now = hub.now();
  const due = await hub.db.all<MessageRow>("SELECT id, channel, recipients, body, attempts FROM alert_messages WHERE state = 'pending' AND next_at <= $1 ORDER BY created_at, id LIMIT 20", [now]);
  let sent = 0;
  for (const m of due) {
    const claim = await hub.db.run("UPDATE alert_messages SET claimed_until = $1 WHERE id = $2 AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < $3)", [now + CLAIM_MS, m.id, now]);
    if (claim.changes !== 1) continue;
    try {
      if (m.channel === 'webhook') await sendWebhook(settings, m.body, m.id);
      else {
        const to = parseUnknown(Recipients, parseJsonText(m.recipients, 'recipients'), 'recipients');
        if (m.channel === 'notice') await sendMail(settings, { to, id: m.id, ...parseUnknown(WordedMail, parseJsonText(m.body, 'notice mail'), 'notice mail') });
        else {
          const message = parseUnknown(AlertMessage, parseJsonText(m.body, 'alert message'), 'alert message');
          await sendMail(settings, { to, id: message.id, subject: subject(message), text: body(message, hub.timeZone) });
        }
      }
      await hub.db.run("UPDATE alert_messages SET state = 'sent', sent_at = $1, attempts = $2, claimed_until = NULL, last_error = NULL WHERE id = $3", [hub.now(), Number(m.attempts) + 1, m.id]);
      sent++;
    } catch (error) {
      const attempts = Number(m.attempts) + 1;
      const wait = backoffMs(attempts);
      const state = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
      const reason = (error as Error).message.slice(0, 500);
      hub.log(`alerts: ${m.channel} message ${m.id} attempt ${attempts} failed: ${reason}${state === 'failed' ? ' (giving up)' : ''}`);
      await hub.db.run('UPDATE alert_messages SET state = $1, attempts = $2, next_at = $3, claimed_until = NULL, last_error = $4 WHERE id = $5', [state, attempts, hub.now() + wait, reason, m.id]);
    }
  }
  return sent;
}
