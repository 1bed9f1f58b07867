import { describe, expect, it } from 'vitest';
import { html } from './html.ts';

describe('html', () => {
  it('escapes every interpolated value, including attributes and arrays', () => {
    const name = `<img src=x onerror="alert(1)">'`;
    const out = html`<a title="${name}">${[name, 1]}</a>`.text;
    expect(out).toBe('<a title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;1</a>');
  });

  it('does not escape nested html twice', () => {
    expect(html`<p>${html`<b>${'&'}</b>`}</p>`.text).toBe('<p><b>&amp;</b></p>');
  });
});
