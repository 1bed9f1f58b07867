import type { AnchorHTMLAttributes } from 'react';
import { onLinkClick } from '../router.ts';

/** An in-app link: a real href (opens in a new tab when asked), history navigation otherwise. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={onLinkClick} />;
}
