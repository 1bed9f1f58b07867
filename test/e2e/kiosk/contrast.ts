import type { Page } from '@playwright/test';

export interface ContrastFinding {
  text: string;
  ratio: number;
  needed: number;
  color: string;
  background: string;
}

/**
 * WCAG 2 contrast of every visible text against its effective background
 * (ancestors' background colours composited), computed in the page. Headings
 * need 4.5:1 (large text); everything else 7:1, for reading from 3 metres.
 * Returns the texts below their target, and how many texts were measured.
 */
export async function contrastFindings(page: Page, scope = 'body'): Promise<{ measured: number; failing: ContrastFinding[]; min: number }> {
  return page.evaluate((selector) => {
    // Measure the settled colours, not a pressed-state transition caught half-way.
    for (const animation of document.getAnimations()) animation.finish();
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      // Composite from the bottom-most layer up; the page itself is white if nothing is opaque.
      let result: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const failing: { text: string; ratio: number; needed: number; color: string; background: string }[] = [];
    let measured = 0;
    let min = Infinity;
    for (const el of document.querySelectorAll(`${selector} *`)) {
      const ownText = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (!ownText) continue;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || el.closest('[hidden], [aria-hidden="true"]')) continue;
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      const needed = el.closest('h1, h2, h3') ? 4.5 : 7;
      measured++;
      min = Math.min(min, ratio);
      if (ratio < needed) failing.push({ text: ownText.slice(0, 60), ratio: Math.round(ratio * 100) / 100, needed, color: style.color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(' ')})` });
    }
    return { measured, failing, min: Math.round(min * 100) / 100 };
  }, scope);
}
