import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { BrowserWindow, FakeEvent, resetFake } from './test-fakes/electron.ts';
import { setupOperatorExit } from './operator-exit.ts';

vi.mock('electron', () => import('./test-fakes/electron.ts'));

const PIN = '482916';
const settings = { chord: 'Control+Alt+Shift+Q', pinSha256: createHash('sha256').update(PIN).digest('hex') };
const key = (key: string, mods: Partial<Record<'control' | 'alt' | 'shift' | 'meta', boolean>> = {}) => ({
  type: 'keyDown',
  key,
  control: false,
  alt: false,
  shift: false,
  meta: false,
  ...mods,
});
const CHORD = key('Q', { control: true, alt: true, shift: true });

describe('operator exit', () => {
  let left: number;
  let now: number;
  beforeEach(() => {
    resetFake();
    left = 0;
    now = 0;
  });

  const start = (withSettings = true) => {
    const exit = setupOperatorExit({ settings: withSettings ? settings : undefined, leave: () => (left += 1), now: () => now });
    const kiosk = new BrowserWindow({ kiosk: true });
    exit.watch(kiosk.webContents as unknown as WebContents);
    const press = (input: ReturnType<typeof key>): boolean => {
      const event = new FakeEvent();
      kiosk.webContents.emit('before-input-event', event, input);
      return event.defaultPrevented;
    };
    const typePin = (pin: string): boolean => {
      const event = new FakeEvent();
      exit.prompt()!.webContents.emit('page-title-updated', event, `pano-pin:${pin}`, true);
      return event.defaultPrevented;
    };
    const prompt = () => exit.prompt() as unknown as BrowserWindow | null;
    return { exit: { prompt }, press, typePin };
  };

  it('the chord alone only opens the PIN prompt: nothing leaves kiosk mode', () => {
    const { exit, press } = start();
    expect(press(CHORD)).toBe(true);
    const prompt = exit.prompt();
    expect(prompt).not.toBeNull();
    expect(prompt!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(prompt!.webContents.url).toMatch(/^data:text\/html/);
    expect(left).toBe(0);
  });

  it('a wrong PIN does nothing; the right PIN leaves', () => {
    const { exit, press, typePin } = start();
    press(CHORD);
    expect(typePin('000000')).toBe(true);
    expect(left).toBe(0);
    expect(exit.prompt()).not.toBeNull();
    typePin(PIN);
    expect(left).toBe(1);
    expect(exit.prompt()).toBeNull();
  });

  it('locks the prompt after five wrong PINs, even against the right one', () => {
    const { exit, press, typePin } = start();
    press(CHORD);
    for (let i = 0; i < 5; i++) typePin(`1${i}`);
    expect(exit.prompt()).toBeNull();
    press(CHORD);
    expect(exit.prompt()).toBeNull();
    now += 5 * 60_000;
    press(CHORD);
    typePin(PIN);
    expect(left).toBe(1);
  });

  it('without a configured PIN the chord does nothing at all', () => {
    const { exit, press } = start(false);
    press(CHORD);
    expect(exit.prompt()).toBeNull();
    expect(left).toBe(0);
  });

  it('near misses of the chord open nothing', () => {
    const { exit, press } = start();
    press(key('Q', { control: true, alt: true }));
    press(key('Q', { control: true, alt: true, shift: true, meta: true }));
    press({ ...CHORD, type: 'keyUp' });
    expect(exit.prompt()).toBeNull();
  });

  it('swallows the browser keys that would close, reload or inspect the player', () => {
    const { press } = start();
    expect(press(key('F4', { alt: true }))).toBe(true);
    expect(press(key('w', { control: true }))).toBe(true);
    expect(press(key('q', { control: true }))).toBe(true);
    expect(press(key('r', { control: true }))).toBe(true);
    expect(press(key('I', { control: true, shift: true }))).toBe(true);
    expect(press(key('F11'))).toBe(true);
    expect(press(key('F12'))).toBe(true);
    expect(press(key('ArrowLeft', { alt: true }))).toBe(true);
    // Ordinary typing on a touch kiosk's forms still works.
    expect(press(key('a'))).toBe(false);
    expect(press(key('F4'))).toBe(false);
  });
});
