import type { BadPath } from '../../playlists/errors.ts';
import type { Operator } from '../auth/sessions.ts';
import { atLeast } from '../auth/roles.ts';
import type { ChannelRow } from '../publish/channels.ts';
import { ago, html, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';
import { draftPreview } from './preview.ts';

/** A new channel starts from a draft that already publishes: one full-screen layout and a welcome slide. */
export function starterDraft(title: string) {
  return {
    title,
    audience: { all: true },
    assets: {},
    layouts: { full: { orientation: 'landscape', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } } },
    items: { welcome: { kind: 'slide', template: 'headline', duration: 10, fields: { title: { vi: 'Xin chào', en: 'Welcome' } } } },
    sequences: { main: { items: ['welcome'] } },
    schedule: { entries: [{ id: 'always', layout: 'full', content: { main: 'main' } }] },
  };
}

type ListRow = Pick<ChannelRow, 'id' | 'title' | 'version' | 'draft_by' | 'draft_at' | 'submitted_at' | 'submitted_by' | 'published_at' | 'published_by'>;

export function channelsPage(op: Operator, rows: ListRow[], now: number): SafeHtml {
  return html`
<h1>Channels</h1>
<table>
<thead><tr><th>Channel</th><th>Published</th><th>Draft</th></tr></thead>
<tbody>${rows.map(
    (c) => html`<tr><td><a href="/channels/${encodeURIComponent(c.id)}">${c.title}</a> <span class="muted small">${c.id}</span></td>
<td>${c.version ? html`v${c.version} <span class="muted small">${ago(c.published_at, now)} by ${c.published_by}</span>` : html`<span class="muted">never</span>`}</td>
<td>${c.submitted_at ? html`<span class="pill warn">awaiting approval</span> <span class="muted small">from ${c.submitted_by}</span>` : html`<span class="muted small">edited ${ago(c.draft_at, now)} by ${c.draft_by}</span>`}</td></tr>`,
  )}</tbody>
</table>
${atLeast(op.role, 'editor')
  ? html`<form method="post" action="/channels" class="card form inline">
  ${csrfField(op)}
  <label>New channel id <input name="id" required pattern="[A-Za-z0-9][A-Za-z0-9._-]{0,127}" placeholder="lobby"></label>
  <label>Title <input name="title" required maxlength="200" placeholder="Lobby screens"></label>
  <button>Create channel</button>
</form>`
  : ''}`;
}

interface MediaOption {
  sha256: string;
  name: string;
  type: string;
}

export function channelEditor(op: Operator, c: ChannelRow, draftText: string, media: MediaOption[], issues: readonly BadPath[], now: number): SafeHtml {
  const id = encodeURIComponent(c.id);
  return html`
<section class="head-row">
  <h1>${c.title}</h1>
  <span class="muted">${c.id} · ${c.version ? `published v${c.version} ${ago(c.published_at, now)} by ${c.published_by}` : 'never published'}</span>
  ${c.submitted_at ? html`<span class="pill warn">awaiting approval from ${c.submitted_by}</span>` : ''}
</section>
<div class="grid wide">
<section class="card">
  <h2>Draft</h2>
  <p class="muted small">The playlist without channel, version and dates (the hub fills them when publishing). Assets may name only the <code>sha256</code> of an uploaded file.</p>
  ${issues.length ? html`<div class="flash error" role="alert"><strong>The draft was not saved:</strong><ul class="issues">${issues.map((i) => html`<li><code>${i.path || '(root)'}</code>: ${i.message}</li>`)}</ul></div>` : ''}
  <form method="post" action="/channels/${id}" class="form">
    ${csrfField(op)}
    <textarea name="draft" id="draft" rows="28" spellcheck="false" aria-label="Draft JSON">${draftText}</textarea>
    ${atLeast(op.role, 'editor') ? html`<div class="actions"><button name="action" value="save">Save draft</button><button name="action" value="submit" class="secondary">Save and submit for approval</button></div>` : ''}
  </form>
</section>
<section>
  <section class="card">
    <h2>Publish</h2>
    ${atLeast(op.role, 'approver')
      ? html`<form method="post" action="/channels/${id}/publish">${csrfField(op)}<button>Publish v${c.version + 1}</button></form><p class="muted small">Signs the saved draft with the hub's publisher key; screens fetch it within seconds.</p>`
      : html`<p class="muted">An approver publishes submitted drafts.</p>`}
  </section>
  <section class="card">
    <h2>Preview</h2>
    ${draftPreview(draftText)}
  </section>
  ${atLeast(op.role, 'editor') ? audienceForm(op, id, draftText) : ''}
  ${atLeast(op.role, 'editor')
    ? html`<section class="card">
    <h2>Add to the main loop</h2>
    <form method="post" action="/channels/${id}/add" class="form">
      ${csrfField(op)}
      <input type="hidden" name="kind" value="headline">
      <label>Headline <input name="title" required maxlength="200"></label>
      <label>Seconds <input name="duration" type="number" min="1" max="3600" value="10"></label>
      <button class="secondary">Add slide</button>
    </form>
    <form method="post" action="/channels/${id}/add" class="form">
      ${csrfField(op)}
      <input type="hidden" name="kind" value="media">
      <label>Media <select name="sha256">${media.map((m) => html`<option value="${m.sha256}">${m.name} (${m.type})</option>`)}</select></label>
      <label>Seconds (images) <input name="duration" type="number" min="1" max="3600" value="10"></label>
      <button class="secondary"${media.length ? '' : html` disabled`}>Add media</button>
    </form>
  </section>`
    : ''}
</section>
</div>`;
}

function audienceForm(op: Operator, id: string, draftText: string): SafeHtml {
  let audience: { all?: boolean; tags?: string[]; devices?: string[] } = {};
  try {
    audience = (JSON.parse(draftText) as { audience?: typeof audience }).audience ?? {};
  } catch {
    // The editor shows the JSON error; the form starts empty.
  }
  return html`<section class="card">
    <h2>Audience</h2>
    <form method="post" action="/channels/${id}/audience" class="form">
      ${csrfField(op)}
      <label class="check"><input type="checkbox" name="all" value="1"${audience.all ? html` checked` : ''}> Every screen</label>
      <label>Screens with any of these tags <input name="tags" value="${(audience.tags ?? []).join(', ')}" placeholder="airport, city:hcm"></label>
      <label>Screen ids <input name="devices" value="${(audience.devices ?? []).join(', ')}"></label>
      <button class="secondary">Set audience</button>
    </form>
  </section>`;
}
