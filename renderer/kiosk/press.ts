import type { PointerEvent } from 'react';

/**
 * Pressed feedback the moment a finger lands. CSS :active is not enough on
 * touch screens: Chromium applies it only after a short delay or on release,
 * so a tap can feel dead. A root listener marks the pressed button instead.
 */
export const pressFeedback = {
  onPointerDownCapture(e: PointerEvent<HTMLElement>): void {
    const button = (e.target as Element).closest('button');
    if (button && e.currentTarget.contains(button) && !button.disabled) button.setAttribute('data-pressed', '');
  },
  onPointerUpCapture: release,
  onPointerCancelCapture: release,
};

function release(e: PointerEvent<HTMLElement>): void {
  for (const el of e.currentTarget.querySelectorAll('[data-pressed]')) el.removeAttribute('data-pressed');
  if (e.currentTarget.hasAttribute('data-pressed')) e.currentTarget.removeAttribute('data-pressed');
}
