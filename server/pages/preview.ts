import { html, type SafeHtml } from './html.ts';

interface Zone {
  role: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
interface DraftShape {
  layouts?: Record<string, { orientation?: string; zones?: Record<string, Zone> }>;
  items?: Record<string, { kind?: string; duration?: number; template?: string }>;
  sequences?: Record<string, { items?: string[] }>;
  schedule?: { entries?: { id: string; name?: string; layout: string | Record<string, string>; content: Record<string, string>; windows?: { start: string; end: string }[]; weekdays?: number[]; interrupt?: boolean; priority?: number }[] };
}

const DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * What each schedule entry puts on screen: its layout drawn to scale, each
 * zone labelled with the loop it plays, and when the entry applies. Drawn
 * from the draft as typed, so it also helps while the draft is still invalid.
 */
export function draftPreview(draftText: string): SafeHtml {
  let d: DraftShape;
  try {
    d = JSON.parse(draftText) as DraftShape;
  } catch {
    return html`<p class="muted">The draft is not valid JSON.</p>`;
  }
  const entries = d.schedule?.entries ?? [];
  if (!entries.length) return html`<p class="muted">No schedule entries: screens show the idle screen.</p>`;
  const loop = (seq: string | undefined) =>
    (seq ? (d.sequences?.[seq]?.items ?? []) : []).map((it) => `${it} (${d.items?.[it]?.template ?? d.items?.[it]?.kind ?? '?'}${d.items?.[it]?.duration ? ` ${d.items[it]!.duration} s` : ''})`);
  return html`${entries.map((e) => {
    const layoutId = typeof e.layout === 'string' ? e.layout : (e.layout.landscape ?? e.layout.portrait ?? '');
    const layout = d.layouts?.[layoutId];
    const portrait = layout?.orientation === 'portrait';
    const [w, h] = portrait ? [90, 160] : [160, 90];
    const when = [e.weekdays?.map((n) => DAYS[n]).join(' '), e.windows?.map((x) => `${x.start}–${x.end}`).join(', ')].filter(Boolean).join(' · ') || 'always';
    return html`<figure class="preview-entry">
  <svg viewBox="0 0 ${w} ${h}" width="${w * 0.9}" height="${h * 0.9}" role="img" aria-label="Layout ${layoutId}">
    <rect width="${w}" height="${h}" class="screen"></rect>
    ${Object.values(layout?.zones ?? {}).map(
      (z) => html`<g><rect class="zone ${z.role}" x="${z.x * w}" y="${z.y * h}" width="${z.width * w}" height="${z.height * h}"></rect><text x="${z.x * w + 2}" y="${z.y * h + 7}">${z.role}</text></g>`,
    )}
  </svg>
  <figcaption><strong>${e.name ?? e.id}</strong>${e.interrupt ? html` <span class="pill warn">interrupt</span>` : ''} <span class="muted small">${when}${e.priority ? ` · priority ${e.priority}` : ''}</span>
    <ul class="small">${Object.entries(e.content).map(([role, seq]) => html`<li><strong>${role}</strong>: ${loop(seq).join(' → ') || '—'}</li>`)}</ul>
  </figcaption>
</figure>`;
  })}`;
}
