import type { Operator } from '../auth/sessions.ts';
import { atLeast } from '../auth/roles.ts';
import type { chainFlags, DeviceStatus, recentCommands } from '../devices/fleet.ts';
import { ago, html, when, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';
import { nowPlaying } from './fleet.ts';

type Flags = Awaited<ReturnType<typeof chainFlags>>;
type Commands = Awaited<ReturnType<typeof recentCommands>>;

export function devicePage(op: Operator, d: DeviceStatus, flags: Flags, commands: Commands, channels: string[], now: number): SafeHtml {
  const hb = d.heartbeat;
  const canCommand = atLeast(op.role, 'approver') && !d.revoked;
  const displays = d.displays.map((x) => `${x.id}:${x.orientation}${x.touch ? ':touch' : ''}`).join(', ');
  return html`
<section class="head-row">
  <h1>${d.name}</h1>
  <span class="pill ${d.online ? 'on' : 'off'}" id="status">${d.revoked ? 'revoked' : d.online ? 'online' : 'offline'}</span>
  <span class="muted">${d.id} · last heartbeat ${ago(d.lastSeen, now)}${d.pushConnected ? ' · push connected' : ''}</span>
</section>
<div class="grid">
<section class="card">
  <h2>Playing</h2>
  <dl>
    <dt>Playlist</dt><dd id="playlist">${hb?.playlist.channel ? `${hb.playlist.channel} v${hb.playlist.version}` : '—'} (${hb?.playlist.state ?? 'no report'})</dd>
    <dt>Now playing</dt><dd id="now-playing">${hb ? nowPlaying(d) : '—'}</dd>
    <dt>Cache</dt><dd>${hb ? `${hb.cache.ready ? 'ready' : 'filling'}, ${hb.cache.assetsReady}/${hb.cache.assetsTotal} assets, ${Math.round(hb.cache.bytesUsed / 1e6)} of ${Math.round(hb.cache.bytesQuota / 1e6)} MB` : '—'}</dd>
    <dt>Clock skew</dt><dd>${hb?.clock.skewMs === null || hb?.clock.skewMs === undefined ? '—' : `${hb.clock.skewMs} ms`}</dd>
    <dt>App</dt><dd>${hb ? `${hb.appVersion} · ${hb.shell} · up ${Math.round(hb.uptimeSec / 60)} min` : '—'}</dd>
    <dt>Outbox</dt><dd>${hb ? `${hb.outbox.pending} pending, dropped ${hb.outbox.dropped.plays} plays / ${hb.outbox.dropped.heartbeats} heartbeats` : '—'}</dd>
    ${hb?.rejection ? html`<dt>Refused</dt><dd class="warn-text">${hb.rejection.code}: ${hb.rejection.message}</dd>` : ''}
  </dl>
  ${hb?.errors.length ? html`<h3>Last errors</h3><ul class="errors">${hb.errors.slice(-5).reverse().map((e) => html`<li><code>${e.code}</code> ${e.message} <span class="muted small">${ago(e.at, now)}</span></li>`)}</ul>` : ''}
</section>
<section class="card">
  <h2>Screenshot</h2>
  ${d.screenshot ? html`<img id="screenshot" class="shot" alt="Screenshot of ${d.name}" src="${d.screenshot.url}"><p class="muted small">taken ${ago(d.screenshot.at, now)}</p>` : html`<p class="muted">None yet.</p>`}
  ${canCommand
    ? html`<div class="actions">${(['screenshot', 'reload', 'reverify', 'restart'] as const).map(
        (name) => html`<form method="post" action="/devices/${encodeURIComponent(d.id)}/command">${csrfField(op)}<input type="hidden" name="name" value="${name}"><button class="secondary">${name === 'reverify' ? 'Re-verify cache' : name[0]!.toUpperCase() + name.slice(1)}</button></form>`,
      )}</div>`
    : ''}
  <h3>Commands</h3>
  <table class="small"><tbody>${commands.map((c) => html`<tr><td>${c.name}</td><td>${c.status}${c.result_ok === 0 ? ' (failed)' : ''}</td><td>${c.message ?? ''}</td><td class="muted">${ago(c.issued_at, now)} by ${c.issued_by}</td></tr>`)}</tbody></table>
</section>
<section class="card">
  <h2>Proof-of-play chain</h2>
  <p>Status: <span class="pill ${d.chain.status === 'ok' ? 'on' : 'warn'}" id="chain-status">${d.chain.status}</span> · ${d.chain.seq + 1} records · ${d.chain.problems} problem(s)</p>
  ${flags.length ? html`<table class="small" id="chain-flags"><thead><tr><th>When</th><th>Kind</th><th>Seq</th><th>Detail</th></tr></thead><tbody>${flags.map((f) => html`<tr><td>${when(f.at)}</td><td>${f.kind}</td><td>${f.seq}</td><td>${f.detail}</td></tr>`)}</tbody></table>` : html`<p class="muted">No gaps, edits or reorders.</p>`}
  <p><a href="/reports?device=${encodeURIComponent(d.id)}">Proof-of-play report for this screen</a></p>
</section>
${atLeast(op.role, 'approver') && !d.revoked
  ? html`<section class="card">
  <h2>Settings</h2>
  <form method="post" action="/devices/${encodeURIComponent(d.id)}" class="form">
    ${csrfField(op)}
    <label>Name <input name="name" required value="${d.name}"></label>
    <label>Tags <input name="tags" value="${d.tags.join(', ')}"></label>
    <label>Time zone <input name="timeZone" value="${d.timeZone}"></label>
    <label>Displays <input name="displays" value="${displays}"></label>
    <label>Channel <select name="channel"><option value="">— by audience —</option>${channels.map((c) => html`<option${c === d.channel ? html` selected` : ''}>${c}</option>`)}</select></label>
    <button>Save</button>
  </form>
  ${atLeast(op.role, 'admin') ? html`<form method="post" action="/devices/${encodeURIComponent(d.id)}/revoke" class="danger-zone">${csrfField(op)}<button class="danger">Revoke this screen</button><span class="hint">It stops at once and must be paired again.</span></form>` : ''}
</section>`
  : ''}
</div>`;
}
