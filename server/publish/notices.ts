import { randomUUID } from 'node:crypto';
import type { NoticeKind, NoticeList } from '../../playlists/schemas/board-workflow.ts';
import { Language } from '../../playlists/schemas/operator-accounts.ts';
import { queueMail } from '../alerts/deliver.ts';
import { loadSettings } from '../alerts/store.ts';
import type { HubContext } from '../context.ts';
import { noticeMail } from './notice-words.ts';

/**
 * The board's notices (docs/studio.md, "Notices"): who hears of what.
 * Submitted or withdrawn: the approvers. Signed, sent back or published: the
 * version's author and submitter, and the approvers. Never the person who
 * did it. Each is a row in their dashboard list, and a mail in their language
 * through the alerts' outbox (one SMTP door, its retries) when the hub has
 * SMTP and they gave an address.
 */

export interface NoticeEvent {
  kind: NoticeKind;
  channel: string;
  version: number;
  /** The version's author and submitter. */
  author: string;
  submitter: string;
  actor: string;
  remark?: string | null;
}

const TO_AUTHOR: ReadonlySet<NoticeKind> = new Set(['signed', 'sentBack', 'published']);

export async function notify(hub: HubContext, e: NoticeEvent): Promise<void> {
  const approvers = await hub.db.all<{ username: string }>("SELECT username FROM users WHERE role IN ('approver', 'admin') AND disabled = 0");
  const people = new Set(approvers.map((a) => a.username));
  if (TO_AUTHOR.has(e.kind)) for (const who of [e.author, e.submitter]) people.add(who);
  people.delete(e.actor);
  if (people.size === 0) return;
  const now = hub.now();
  const title = (await hub.db.get<{ title: string }>('SELECT title FROM channels WHERE id = $1', [e.channel]))?.title ?? e.channel;
  const settings = await loadSettings(hub);
  for (const username of people) {
    await hub.db.run('INSERT INTO notices (id, username, at, kind, channel, version, actor, remark) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      randomUUID(),
      username,
      now,
      e.kind,
      e.channel,
      e.version,
      e.actor,
      e.remark ?? null,
    ]);
    if (!settings.smtp) continue;
    const row = await hub.db.get<{ email: string; language: string | null }>(
      'SELECT n.email, u.language FROM notice_emails n LEFT JOIN users u ON u.username = n.username WHERE n.username = $1',
      [username],
    );
    if (!row) continue;
    const language = Language.safeParse(row.language).data ?? 'vi';
    const mail = noticeMail({ kind: e.kind, channel: e.channel, title, version: e.version, by: e.actor, at: now, remark: e.remark ?? null }, language, hub.timeZone);
    await queueMail(hub.db, now, [row.email], mail.subject, mail.text);
  }
}

interface NoticeRow {
  id: string;
  at: number;
  kind: NoticeKind;
  channel: string;
  title: string | null;
  version: number;
  actor: string;
  remark: string | null;
  read_at: number | null;
}

export async function listNotices(hub: HubContext, username: string): Promise<NoticeList> {
  const rows = await hub.db.all<NoticeRow>(
    'SELECT n.*, c.title FROM notices n LEFT JOIN channels c ON c.id = n.channel WHERE n.username = $1 ORDER BY n.at DESC, n.id LIMIT 100',
    [username],
  );
  const unread = await hub.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM notices WHERE username = $1 AND read_at IS NULL', [username]);
  const email = await hub.db.get<{ email: string }>('SELECT email FROM notice_emails WHERE username = $1', [username]);
  return {
    notices: rows.map((r) => ({ id: r.id, at: new Date(Number(r.at)).toISOString(), kind: r.kind, channel: r.channel, title: r.title ?? r.channel, version: Number(r.version), by: r.actor, remark: r.remark, read: r.read_at !== null })),
    unread: Number(unread?.n ?? 0),
    email: email?.email ?? null,
  };
}

export async function readNotices(hub: HubContext, username: string): Promise<NoticeList> {
  await hub.db.run('UPDATE notices SET read_at = $1 WHERE username = $2 AND read_at IS NULL', [hub.now(), username]);
  return listNotices(hub, username);
}

export async function setNoticeEmail(hub: HubContext, username: string, email: string | null): Promise<NoticeList> {
  if (email === null) await hub.db.run('DELETE FROM notice_emails WHERE username = $1', [username]);
  else await hub.db.run('INSERT INTO notice_emails (username, email) VALUES ($1, $2) ON CONFLICT (username) DO UPDATE SET email = excluded.email', [username, email]);
  return listNotices(hub, username);
}
