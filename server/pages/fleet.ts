import type { Operator } from '../auth/sessions.ts';
import { atLeast } from '../auth/roles.ts';
import type { DeviceStatus } from '../devices/fleet.ts';
import { ago, html, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';

export function nowPlaying(d: DeviceStatus): string {
  const np = d.heartbeat?.nowPlaying ?? [];
  return np.length ? np.map((n) => `${n.display}/${n.zone}: ${n.itemId}`).join(', ') : '—';
}

export function fleetPage(op: Operator, devices: DeviceStatus[], now: number, emergency: boolean): SafeHtml {
  const online = devices.filter((d) => d.online).length;
  return html`
<section class="head-row">
  <h1>Screens</h1>
  <p class="muted">${online} of ${devices.filter((d) => !d.revoked).length} online</p>
  ${atLeast(op.role, 'approver') ? html`<a class="button" href="/pair">Pair a screen</a>` : ''}
</section>
${emergency ? html`<p class="flash error" role="alert">Emergency takeover is active. <a href="/emergency">Manage</a></p>` : ''}
${devices.length === 0
  ? html`<p class="empty">No screens yet. Start a player with <code>pano player --hub URL</code>; it shows a code to enter under <a href="/pair">Pair a screen</a>.</p>`
  : html`<table class="fleet">
<thead><tr><th>Screen</th><th>Status</th><th>Playlist</th><th>Now playing</th><th>Cache</th><th>Clock</th><th>Proof</th><th>Last error</th><th>Screenshot</th></tr></thead>
<tbody>
${devices.map((d) => {
  const hb = d.heartbeat;
  const pl = hb?.playlist;
  const err = hb?.errors[hb.errors.length - 1];
  const skew = hb?.clock.skewMs;
  return html`<tr data-device="${d.id}">
  <td><a href="/devices/${encodeURIComponent(d.id)}">${d.name}</a><div class="muted small">${d.id}${d.tags.length ? ` · ${d.tags.join(', ')}` : ''}</div></td>
  <td>${d.revoked ? html`<span class="pill off">revoked</span>` : d.online ? html`<span class="pill on">online</span>` : html`<span class="pill off">offline</span>`}<div class="muted small">${ago(d.lastSeen, now)}</div></td>
  <td class="playlist">${pl?.channel ? `${pl.channel} v${pl.version ?? '?'}` : '—'} <span class="pill ${pl?.state === 'ok' ? 'on' : 'warn'}">${pl?.state ?? 'no report'}</span>${hb?.pending ? html`<div class="muted small">downloading v${hb.pending.version}: ${Math.round((100 * hb.pending.bytesDone) / Math.max(1, hb.pending.bytesTotal))}%</div>` : ''}</td>
  <td class="now-playing">${d.heartbeat ? nowPlaying(d) : '—'}</td>
  <td>${hb ? html`${hb.cache.ready ? 'ready' : 'filling'} <span class="muted small">${hb.cache.assetsReady}/${hb.cache.assetsTotal}</span>` : '—'}</td>
  <td>${skew === null || skew === undefined ? '—' : html`<span class="${Math.abs(skew) > 5000 ? 'warn-text' : ''}">${Math.round(skew / 100) / 10} s</span>`}</td>
  <td><span class="pill ${d.chain.status === 'ok' ? 'on' : 'warn'}">${d.chain.status}</span></td>
  <td class="small">${err ? `${err.code}: ${err.message}` : '—'}</td>
  <td>${d.screenshot ? html`<a href="${d.screenshot.url}"><img class="thumb" alt="Last screenshot of ${d.name}" src="${d.screenshot.url}"></a><div class="muted small">${ago(d.screenshot.at, now)}</div>` : '—'}</td>
</tr>`;
})}
</tbody></table>`}`;
}

export function pairPage(op: Operator, code: string, channels: string[], error?: string): SafeHtml {
  return html`
<h1>Pair a screen</h1>
<p class="muted">A new player shows a six-character code (and a QR code of this page). Enter it here, name the screen, and it starts playing within seconds.</p>
${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
<form method="post" action="/pair" class="card form">
  ${csrfField(op)}
  <label>Code shown on the screen <input name="code" required value="${code}" autocomplete="off" placeholder="7KC-Q9P" maxlength="7"></label>
  <label>Name <input name="name" required maxlength="100" placeholder="Tân Sơn Nhất T1 gate 12"></label>
  <label>Tags <input name="tags" placeholder="airport, city:hcm"><span class="hint">lowercase, comma separated</span></label>
  <label>Time zone <input name="timeZone" value="Asia/Ho_Chi_Minh"></label>
  <label>Displays <input name="displays" value="main:landscape"><span class="hint">role:orientation[:touch], comma separated, e.g. main:landscape, kiosk:portrait:touch</span></label>
  <label>Channel <select name="channel"><option value="">— by audience —</option>${channels.map((c) => html`<option>${c}</option>`)}</select></label>
  <button>Pair screen</button>
</form>`;
}
