import { parseJsonText, parseUnknown } from '../../playlists/parse.ts';
import { CapSettings } from '../../playlists/schemas/emergency-api.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { closeEmergencyDraft, createEmergencyDraft, draftOfCap } from '../publish/emergency-drafts.ts';
import { currentEmergencySigning, takeoverMinutes } from '../publish/emergency-signing.ts';
import { endEmergency } from '../publish/emergency.ts';
import { getChannel, EMERGENCY_CHANNEL } from '../publish/channels.ts';
import { capKey, draftFromAlert, referencedKeys } from './alert-draft.ts';
import { parseCapDocument, type CapAlert } from './parse.ts';

/**
 * The CAP feed the hub polls (docs/signing.md, "CAP alerts"). Each alert is
 * taken once (by `sender,identifier`): an Alert or Update for the configured
 * area becomes a pending emergency draft for the duty officer; an Update
 * supersedes the pending draft of the alert it references; a Cancel cancels
 * it, and ends the takeover when that alert's draft is what screens show.
 */

const SETTINGS_KEY = 'cap';
const MAX_BYTES = 1024 * 1024;
const MAX_LINKS = 20;
const FETCH_TIMEOUT_MS = 10_000;
const BY = 'CAP';

export async function loadCapSettings(hub: HubContext): Promise<CapSettings> {
  const row = await hub.db.get<{ value: string }>('SELECT value FROM settings WHERE key = $1', [SETTINGS_KEY]);
  return parseUnknown(CapSettings, row ? parseJsonText(row.value, 'CAP settings') : {}, 'CAP settings');
}

export async function saveCapSettings(hub: HubContext, settings: CapSettings, username: string): Promise<CapSettings> {
  const value = parseUnknown(CapSettings, settings, 'CAP settings');
  await hub.db.run('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [SETTINGS_KEY, JSON.stringify(value)]);
  await audit(hub, username, 'cap-settings', value.url ? `${value.url} (${value.area})` : 'no CAP feed');
  return value;
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/cap+xml, application/atom+xml, application/xml, text/xml' } });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new Error(`${url} is over ${MAX_BYTES} bytes`);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

async function readAlerts(url: string): Promise<CapAlert[]> {
  const doc = parseCapDocument(await fetchText(url), url);
  if (doc.kind === 'alert') return [doc.alert];
  const linked: CapAlert[] = [];
  for (const link of doc.links.slice(0, MAX_LINKS)) {
    const inner = parseCapDocument(await fetchText(new URL(link, url).href), link);
    if (inner.kind === 'alert') linked.push(inner.alert);
  }
  return [...doc.alerts, ...linked];
}

export interface CapPoll {
  alerts: number;
  drafts: number;
  cancelled: number;
  error: string | null;
}

/** One read of the feed. Network and format failures are answered (and logged), never thrown: the next poll tries again. */
export async function pollCap(hub: HubContext): Promise<CapPoll> {
  const settings = await loadCapSettings(hub);
  const result: CapPoll = { alerts: 0, drafts: 0, cancelled: 0, error: null };
  if (!settings.url) return result;
  let alerts: CapAlert[];
  try {
    alerts = await readAlerts(settings.url);
  } catch (error) {
    result.error = (error as Error).message;
    hub.log(`cap: ${result.error}`);
    return result;
  }
  for (const alert of alerts) {
    const key = capKey(alert.sender, alert.identifier);
    const seen = await hub.db.run('INSERT INTO cap_alerts (cap_key, msg_type, sent, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT (cap_key) DO NOTHING', [key, alert.msgType, alert.sent, hub.now()]);
    if (seen.changes !== 1) continue; // the same alert again: taken once
    result.alerts++;
    if (alert.msgType === 'Update' || alert.msgType === 'Cancel') result.cancelled += await closeReferenced(hub, alert);
    const signing = await currentEmergencySigning(hub);
    const made = draftFromAlert(alert, settings, hub.now(), takeoverMinutes(signing, undefined));
    if (!made) continue;
    const draft = await createEmergencyDraft(hub, made.request, { source: 'cap', username: BY, cap: made.info, capKey: key });
    await hub.db.run('UPDATE cap_alerts SET draft_id = $1 WHERE cap_key = $2', [draft.id, key]);
    result.drafts++;
  }
  return result;
}

/** Update: the referenced pending drafts are superseded. Cancel: cancelled, and a takeover showing one of them ends. */
async function closeReferenced(hub: HubContext, alert: CapAlert): Promise<number> {
  let closed = 0;
  for (const ref of referencedKeys(alert)) {
    const draft = await draftOfCap(hub, ref);
    if (!draft) continue;
    if (draft.state === 'pending') {
      await closeEmergencyDraft(hub, draft.id, alert.msgType === 'Cancel' ? 'cancelled' : 'superseded', BY);
      closed++;
    } else if (draft.state === 'published' && alert.msgType === 'Cancel') {
      const channel = await getChannel(hub, EMERGENCY_CHANNEL);
      const active = await hub.db.get<{ active: number }>("SELECT active FROM emergency WHERE id = 'current'");
      if (active?.active && Number(channel?.version) === Number(draft.published_version)) await endEmergency(hub, BY);
      closed++;
    }
  }
  return closed;
}

export interface CapLoop {
  close(): void;
}

/** Polls every `intervalSeconds` (read afresh each pass, so a settings change applies without a restart). Passes never overlap. */
export function startCapLoop(hub: HubContext, loop: boolean): CapLoop {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const pass = async () => {
    let next = 60_000;
    try {
      await pollCap(hub);
      next = (await loadCapSettings(hub)).intervalSeconds * 1000;
    } catch (error) {
      hub.log(`cap: ${(error as Error).stack ?? String(error)}`);
    }
    if (!closed) {
      timer = setTimeout(() => void pass(), next);
      timer.unref();
    }
  };
  if (loop) {
    timer = setTimeout(() => void pass(), 1000);
    timer.unref();
  }
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
    },
  };
}
