/**
 * Runs inside the kiosk page (page.evaluate): visits every view of the kiosk
 * in one language by tapping its own buttons, and measures, on the page's real
 * layout, everything a visitor must be able to read or tap. Returns one line
 * per problem, and how many views it measured. Self-contained: no imports.
 */
export async function measureKioskFit(lang: string): Promise<{ views: number; problems: string[] }> {
  const problems: string[] = [];
  let views = 0;
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  const settle = async () => {
    await frame();
    await document.fonts.ready;
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    // A video's box takes its size once its metadata is in (the page may then scroll, and show its cue).
    await Promise.all(
      [...document.querySelectorAll('video')].map((v) => (v.readyState >= 1 ? undefined : new Promise((r) => {
        v.addEventListener('loadedmetadata', r, { once: true });
        setTimeout(r, 5_000);
      }))),
    );
    await frame();
    await frame();
  };
  const $ = (selector: string) => document.querySelector<HTMLElement>(selector);
  const tap = async (selector: string) => {
    const el = $(selector);
    if (!el) throw new Error(`${lang}: nothing to tap at ${selector}`);
    // A finger's tap: pointerdown (which also keeps the kiosk's idle timer from running out), pointerup, click.
    for (const type of ['pointerdown', 'pointerup']) el.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerType: 'touch', isPrimary: true }));
    el.click();
    await settle();
  };
  const scrollTop = () => {
    const main = $('.pano-kiosk-main');
    if (main) main.scrollTop = 0;
  };
  const W = innerWidth;
  const H = innerHeight;
  const inside = (r: DOMRect, area: { left: number; top: number; right: number; bottom: number }) =>
    r.left >= area.left - 1 && r.top >= area.top - 1 && r.right <= area.right + 1 && r.bottom <= area.bottom + 1;
  const screenArea = { left: 0, top: 0, right: W, bottom: H };
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;

  /** No text spills out of its box, or off the screen sideways. */
  const checkOverflow = (view: string) => {
    views += 1;
    const root = $('.pano-kiosk');
    if (!root) return void problems.push(`${lang} ${view}: no kiosk on screen`);
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      if (!(el instanceof HTMLElement) || el.closest('.pano-gallery-track')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.display === 'inline' || style.display === 'contents' || style.overflowX !== 'visible') continue;
      if (el.getClientRects().length === 0) continue;
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${lang} ${view}: ${describe(el)} is ${el.scrollWidth - el.clientWidth}px wider than its box`);
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || node.parentElement?.closest('.pano-gallery-track, [hidden]')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && (r.left < -1 || r.right > W + 1)) problems.push(`${lang} ${view}: text "${node.textContent.trim().slice(0, 40)}" runs off the screen (${Math.round(r.left)}–${Math.round(r.right)} of ${W})`);
      }
    }
  };

  /** Every control of the top bar is on screen; everything else on the screen or behind a visible "more below" cue. */
  const checkTaps = (view: string, mustAllFit: boolean) => {
    for (const button of document.querySelectorAll<HTMLElement>('.pano-topbar button')) {
      if (!inside(button.getBoundingClientRect(), screenArea)) problems.push(`${lang} ${view}: top bar ${describe(button)} is off screen`);
    }
    const main = $('.pano-kiosk-main');
    if (!main) return;
    const scrolls = main.scrollHeight > main.clientHeight + 1;
    const cue = $('[data-testid="scroll-cue"] button');
    if (mustAllFit && scrolls) problems.push(`${lang} ${view}: scrolls (${main.scrollHeight} > ${main.clientHeight} px) though it must fit the screen`);
    if (scrolls && !(cue && inside(cue.getBoundingClientRect(), screenArea))) problems.push(`${lang} ${view}: longer than the screen without a visible scroll cue`);
    if (!scrolls && cue) problems.push(`${lang} ${view}: shows a scroll cue but does not scroll`);
    if (!scrolls) {
      for (const button of main.querySelectorAll<HTMLElement>('button')) {
        if (!inside(button.getBoundingClientRect(), screenArea)) problems.push(`${lang} ${view}: ${describe(button)} lies below the fold`);
      }
    }
  };

  /** `selector`'s boxes all on screen within the page's visible area. */
  const checkInView = (view: string, selector: string) => {
    const main = $('.pano-kiosk-main')?.getBoundingClientRect();
    if (!main) return void problems.push(`${lang} ${view}: no page on screen`);
    const found = document.querySelectorAll<HTMLElement>(selector);
    if (found.length === 0) problems.push(`${lang} ${view}: nothing at ${selector}`);
    for (const el of found) {
      if (!inside(el.getBoundingClientRect(), main)) problems.push(`${lang} ${view}: ${describe(el)} is not in view (${JSON.stringify(el.getBoundingClientRect().toJSON())})`);
    }
  };

  // The language picker, then this language.
  await tap('[data-testid="kiosk-language"]');
  checkOverflow('language picker');
  for (const button of document.querySelectorAll<HTMLElement>('[data-testid="kiosk-languages"] button')) {
    if (!inside(button.getBoundingClientRect(), screenArea)) problems.push(`${lang} language picker: ${describe(button)} is off screen`);
  }
  await tap(`[data-lang="${lang}"]`);
  if ($('.pano-kiosk')?.lang !== lang) problems.push(`${lang}: the kiosk did not switch to ${lang} (lang=${$('.pano-kiosk')?.lang})`);
  if (!$('[data-testid="kiosk-language"] svg[data-icon="globe"]')) problems.push(`${lang}: the language button has no drawn globe`);

  checkOverflow('home');
  checkTaps('home', true);
  const sections = [...document.querySelectorAll<HTMLElement>('[data-section]')].map((e) => e.dataset.section!);
  for (const section of sections) {
    await tap(`[data-section="${section}"]`);
    const page = $('.pano-page')?.dataset.page ?? section;
    checkOverflow(`page ${page}`);
    checkTaps(`page ${page}`, false);
    for (const pin of [...document.querySelectorAll<HTMLElement>('[data-point]')].map((e) => e.dataset.point!)) {
      scrollTop();
      await tap(`[data-point="${pin}"]`);
      checkInView(`page ${page}, map point ${pin}`, '[data-testid="map-card"]');
      checkOverflow(`page ${page}, map point ${pin}`);
    }
    if ($('[data-testid="quiz-start"]')) {
      scrollTop();
      await tap('[data-testid="quiz-start"]');
      checkInView(`page ${page}, quiz started`, '.pano-quiz-question h3, .pano-choice');
      checkOverflow(`page ${page}, quiz question`);
      await tap('[data-choice="0"]');
      checkInView(`page ${page}, quiz answered`, '[data-testid="quiz-next"]');
      checkOverflow(`page ${page}, quiz feedback`);
    }
    await tap('[data-testid="kiosk-home"]');
  }
  return { views, problems };
}

/** On the attract loop: the "tap to begin" badge covers neither the ticker nor the subtitles' band (the lower half of the main zone). */
export function measureBadge(): string[] {
  const badge = document.querySelector('.pano-attract-hint')?.getBoundingClientRect();
  if (!badge) return ['no "tap to begin" badge on the attract loop'];
  const overlaps = (a: DOMRect, b: { left: number; top: number; right: number; bottom: number }) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const problems: string[] = [];
  const ticker = document.querySelector('.zone-ticker')?.getBoundingClientRect();
  if (ticker && overlaps(badge, ticker)) problems.push(`the badge ${JSON.stringify(badge.toJSON())} covers the ticker ${JSON.stringify(ticker.toJSON())}`);
  const main = document.querySelector('.zone-main')?.getBoundingClientRect();
  if (!main) return [...problems, 'no main zone under the attract loop'];
  const subtitles = { left: main.left, top: main.top + main.height / 2, right: main.right, bottom: main.bottom };
  if (overlaps(badge, subtitles)) problems.push(`the badge ${JSON.stringify(badge.toJSON())} covers the subtitles' band ${JSON.stringify(subtitles)}`);
  if (badge.bottom > innerHeight || badge.right > innerWidth) problems.push('the badge is off screen');
  return problems;
}
