/**
 * Nothing a passer-by can break: no context menu, text selection, drag,
 * zoom or keyboard navigation. (The cursor is hidden in CSS.)
 */
export function lockDown(win: Window = window): void {
  const block = (e: Event) => e.preventDefault();
  for (const type of ['contextmenu', 'dragstart', 'selectstart', 'drop', 'dragover', 'gesturestart']) {
    win.addEventListener(type, block, { capture: true });
  }
  win.addEventListener(
    'keydown',
    (e) => {
      // Back/forward, reload, zoom, find, print, save, devtools, and browser navigation keys.
      const nav = ['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'F5', 'F11', 'F12'].includes(e.key) || (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight'));
      const combo = (e.ctrlKey || e.metaKey) && ['r', 'w', 'p', 's', 'f', 'o', 'l', 'n', 't', '+', '-', '=', '0'].includes(e.key.toLowerCase());
      if (nav || combo || (e.key === 'Backspace' && !(e.target instanceof HTMLInputElement))) e.preventDefault();
    },
    { capture: true },
  );
  win.addEventListener('wheel', (e) => e.ctrlKey && e.preventDefault(), { passive: false, capture: true });
  win.addEventListener(
    'click',
    (e) => {
      const link = (e.target as Element | null)?.closest?.('a[href]');
      if (link) e.preventDefault();
    },
    { capture: true },
  );
}
