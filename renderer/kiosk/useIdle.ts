import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Idle watch while the kiosk is open: `remaining` is null while the visitor
 * is active, then counts down whole seconds from `countdownSeconds` after
 * `idleSeconds` without touch; `onExpire` runs once when it reaches zero.
 * Time comes from `now` and timers (fake clocks drive both in tests).
 */
export function useIdle(options: {
  active: boolean;
  idleSeconds: number;
  countdownSeconds: number;
  now: () => number;
  onExpire: () => void;
}): { remaining: number | null; touch: () => void } {
  const { active, idleSeconds, countdownSeconds, now, onExpire } = options;
  const lastTouch = useRef(0);
  const [remaining, setRemaining] = useState<number | null>(null);
  const expire = useRef(onExpire);
  expire.current = onExpire;

  const touch = useCallback(() => {
    lastTouch.current = now();
    setRemaining(null);
  }, [now]);

  useEffect(() => {
    if (!active) return;
    lastTouch.current = now();
    setRemaining(null);
    const check = () => {
      const idleFor = (now() - lastTouch.current) / 1000;
      if (idleFor >= idleSeconds + countdownSeconds) {
        // Stop at once: a fake clock can fire several ticks before React unmounts us.
        clearInterval(timer);
        setRemaining(null);
        expire.current();
      } else if (idleFor >= idleSeconds) {
        setRemaining(Math.ceil(idleSeconds + countdownSeconds - idleFor));
      }
    };
    // A quarter-second tick keeps the countdown's seconds accurate.
    const timer = setInterval(check, 250);
    return () => clearInterval(timer);
  }, [active, idleSeconds, countdownSeconds, now]);

  return { remaining, touch };
}
