import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { app, FakeWebContents, resetFake } from './test-fakes/electron.ts';
import { hidePointerOnLoad, setupGlassSwitches } from './glass.ts';
import { secureWebPreferences } from './security.ts';

vi.mock('electron', () => import('./test-fakes/electron.ts'));

describe('glass', () => {
  beforeEach(() => resetFake());

  it('appends the switches that keep covered windows playing and hide scrollbars, as the Chromium shell does', () => {
    setupGlassSwitches();
    expect(app.switches).toEqual([
      'disable-backgrounding-occluded-windows',
      'disable-renderer-backgrounding',
      'disable-background-timer-throttling',
      'hide-scrollbars',
    ]);
  });

  it('never throttles a window for being covered or hidden', () => {
    expect(secureWebPreferences().backgroundThrottling).toBe(false);
  });

  it('moves the pointer into the page after every load, so the page hides it', () => {
    const contents = new FakeWebContents();
    hidePointerOnLoad(contents as unknown as WebContents);
    expect(contents.inputEvents).toEqual([]);
    contents.emit('did-finish-load');
    contents.emit('did-finish-load');
    expect(contents.inputEvents).toEqual([
      { type: 'mouseMove', x: 0, y: 0 },
      { type: 'mouseMove', x: 0, y: 0 },
    ]);
  });
});
