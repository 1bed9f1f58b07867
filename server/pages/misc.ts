import type { Operator } from '../auth/sessions.ts';
import { atLeast } from '../auth/roles.ts';
import type { MediaInfo } from '../media/store.ts';
import { ago, html, when, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';

export function loginPage(next: string, error?: string): SafeHtml {
  return html`
<section class="login card">
  <h1>Sign in</h1>
  ${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
  <form method="post" action="/login" class="form">
    <input type="hidden" name="next" value="${next}">
    <label>Username <input name="username" autocomplete="username" required autofocus></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
    <button>Sign in</button>
  </form>
</section>`;
}

export function mediaPage(op: Operator, rows: (Omit<MediaInfo, 'deduplicated'> & { created_at: number; uploaded_by: string })[], now: number): SafeHtml {
  return html`
<h1>Media</h1>
${atLeast(op.role, 'editor')
  ? html`<form class="card form inline" id="upload" data-csrf="${op.csrf ?? ''}">
  <label>Upload files <input type="file" name="file" multiple accept="video/mp4,video/webm,image/*,.vtt,.woff2"></label>
  <button>Upload</button>
  <progress hidden max="1" value="0"></progress>
  <output class="small"></output>
</form>`
  : ''}
<table>
<thead><tr><th>Name</th><th>Type</th><th>Size</th><th>Probe</th><th>sha256</th><th>Uploaded</th></tr></thead>
<tbody>${rows.map(
    (m) => html`<tr><td>${m.name}${m.warning ? html`<div class="warn-text small">⚠ ${m.warning}</div>` : ''}</td><td>${m.type}</td><td>${(m.size / 1e6).toFixed(1)} MB</td>
<td class="small">${m.durationSec ? `${m.durationSec} s ` : ''}${m.width ? `${m.width}×${m.height} ` : ''}${m.codec ?? ''}</td>
<td><code class="small">${m.sha256.slice(0, 16)}…</code></td><td class="muted small">${ago(m.created_at, now)} by ${m.uploaded_by}</td></tr>`,
  )}</tbody>
</table>`;
}

export function emergencyPage(op: Operator, state: { active: boolean; title: string; since: number; by: string; version: number } | undefined, devices: { id: string; name: string }[]): SafeHtml {
  const can = atLeast(op.role, 'approver');
  return html`
<h1>Emergency takeover</h1>
${state?.active
  ? html`<section class="card alert-card" role="alert"><h2>Active: ${state.title}</h2><p>Since ${when(state.since)} by ${state.by} (emergency v${state.version}).</p>
  ${can ? html`<form method="post" action="/emergency/end">${csrfField(op)}<button>End takeover</button></form>` : ''}</section>`
  : html`<p class="muted">No takeover is active.</p>`}
${can
  ? html`<form method="post" action="/emergency" class="card form">
  ${csrfField(op)}
  <label>Headline <input name="title" required maxlength="200" placeholder="Bão số 9: sơ tán khỏi khu vực ven biển"></label>
  <label>Message <input name="message" maxlength="500" placeholder="Please follow the staff's instructions"></label>
  <fieldset><legend>Screens</legend>
    <label class="check"><input type="checkbox" name="all" value="1" checked> All screens</label>
    ${devices.map((d) => html`<label class="check"><input type="checkbox" name="device" value="${d.id}"> ${d.name}</label>`)}
  </fieldset>
  <button class="danger big">Take over screens now</button>
  <p class="hint">Publishes a signed interrupt playlist and pushes it: online screens switch within two seconds.</p>
</form>`
  : ''}`;
}

export function auditPage(rows: { at: number; username: string; action: string; detail: string }[]): SafeHtml {
  return html`
<h1>Audit log</h1>
<table class="small"><thead><tr><th>When</th><th>Who</th><th>What</th><th>Detail</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${when(r.at)}</td><td>${r.username}</td><td>${r.action}</td><td>${r.detail}</td></tr>`)}</tbody></table>`;
}

export function usersPage(op: Operator, users: { username: string; role: string; created_at: number }[], newToken?: string): SafeHtml {
  return html`
<h1>Users</h1>
<table><thead><tr><th>User</th><th>Role</th><th>Since</th></tr></thead>
<tbody>${users.map((u) => html`<tr><td>${u.username}</td><td>${u.role}</td><td>${when(u.created_at)}</td></tr>`)}</tbody></table>
${atLeast(op.role, 'admin')
  ? html`<form method="post" action="/users" class="card form inline">
  ${csrfField(op)}
  <label>Username <input name="username" required></label>
  <label>Password <input name="password" type="password" required minlength="10"></label>
  <label>Role <select name="role"><option>viewer</option><option>editor</option><option>approver</option><option>admin</option></select></label>
  <button>Add user</button>
</form>`
  : ''}
<section class="card">
  <h2>API token</h2>
  <p class="muted small">For <code>pano publish --hub URL --token T</code> and scripts. Shown once.</p>
  ${newToken ? html`<p><code id="new-token">${newToken}</code></p>` : ''}
  <form method="post" action="/tokens" class="form inline">${csrfField(op)}<label>Name <input name="name" required value="pano publish"></label><button class="secondary">Create token</button></form>
</section>`;
}
