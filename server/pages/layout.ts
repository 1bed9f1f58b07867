import type { Operator } from '../auth/sessions.ts';
import { html, type SafeHtml } from './html.ts';

export interface PageOptions {
  title: string;
  op?: Operator | undefined;
  active?: string;
  flash?: { kind: 'ok' | 'error'; text: string } | undefined;
  /** Reload the page every few seconds (fleet and device pages) unless the operator is typing. */
  autoRefresh?: boolean;
}

const NAV = [
  ['/', 'Screens'],
  ['/channels', 'Channels'],
  ['/media', 'Media'],
  ['/emergency', 'Emergency'],
  ['/reports', 'Reports'],
  ['/audit', 'Audit log'],
  ['/users', 'Users'],
] as const;

export function page(o: PageOptions, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · Pano hub</title>
<link rel="stylesheet" href="/static/style.css">
<script type="module" src="/static/client.js"></script>
</head>
<body${o.autoRefresh ? html` data-autorefresh="5"` : ''}>
<header class="top">
  <a class="brand" href="/">Pano hub</a>
  ${o.op
    ? html`<nav>${NAV.map(([href, label]) => html`<a href="${href}"${o.active === href ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>
  <form method="post" action="/logout" class="who"><input type="hidden" name="_csrf" value="${o.op.csrf ?? ''}"><span>${o.op.username} · ${o.op.role}</span><button class="link">Log out</button></form>`
    : ''}
</header>
<main>
${o.flash ? html`<p class="flash ${o.flash.kind}" role="${o.flash.kind === 'error' ? 'alert' : 'status'}">${o.flash.text}</p>` : ''}
${body}
</main>
</body>
</html>`.text;
}

export const csrfField = (op: Operator) => html`<input type="hidden" name="_csrf" value="${op.csrf ?? ''}">`;
