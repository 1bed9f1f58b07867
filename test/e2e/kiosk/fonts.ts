import type { CDPSession, Page } from '@playwright/test';

export interface UsedFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/**
 * The fonts Chromium really used to draw the text under `selector`
 * (CSS.getPlatformFontsForNode, per element with its own text). A glyph
 * missing from every bundled font shows up as a system (non-custom) font.
 */
export async function fontsUsed(page: Page, cdp: CDPSession, selector: string): Promise<{ byText: Map<string, UsedFont[]>; all: UsedFont[] }> {
  await page.evaluate(() => document.fonts.ready);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: `${selector}, ${selector} *` });
  const byText = new Map<string, UsedFont[]>();
  const all: UsedFont[] = [];
  for (const nodeId of nodeIds) {
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1 });
    const text = (node.children ?? [])
      .filter((c) => c.nodeType === 3)
      .map((c) => c.nodeValue)
      .join('')
      .trim();
    if (!text) continue;
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    byText.set(text, fonts);
    all.push(...fonts);
  }
  return { byText, all };
}
