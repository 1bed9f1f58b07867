import { useEffect, useState } from 'react';

/**
 * Pages are real paths (/channels/lobby, /pair?code=7KC-Q9P): the hub answers
 * every non-API path with the studio's index.html, so a reload, a shared link
 * or the link in a screen's pairing QR code opens the right page.
 */
export interface Route {
  /** Path segments, decoded. */
  parts: string[];
  query: URLSearchParams;
}

const CHANGE = 'pano:navigate';

export function parseLocation(pathname: string, search: string): Route {
  return { parts: pathname.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export function href(...parts: string[]): string {
  return `/${parts.map(encodeURIComponent).join('/')}`;
}

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseLocation(location.pathname, location.search));
  useEffect(() => {
    const onChange = () => setRoute(parseLocation(location.pathname, location.search));
    window.addEventListener('popstate', onChange);
    window.addEventListener(CHANGE, onChange);
    return () => {
      window.removeEventListener('popstate', onChange);
      window.removeEventListener(CHANGE, onChange);
    };
  }, []);
  return route;
}

/** Same-tab links go through history (no reload); modified clicks open a tab as usual. */
export function onLinkClick(e: React.MouseEvent<HTMLAnchorElement>): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const to = e.currentTarget.getAttribute('href');
  if (!to || !to.startsWith('/')) return;
  e.preventDefault();
  navigate(to);
}
