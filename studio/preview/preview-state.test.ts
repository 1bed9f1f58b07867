import { describe, expect, it } from 'vitest';
import { previewDisplays } from './preview-state.ts';

const fleet = [{ displays: [{ id: 'main', orientation: 'landscape' as const, touch: false }, { id: 'hall', orientation: 'landscape' as const, touch: false }] }];

describe('previewDisplays: a kiosk always has a touch display to be tapped on', () => {
  it('without a kiosk: main and the fleet’s displays as they are', () => {
    expect(previewDisplays(fleet).map((d) => [d.id, d.touch])).toEqual([['main', false], ['hall', false]]);
  });

  it('a kiosk for every display, no touch display in the fleet: a portrait touch display "kiosk"', () => {
    expect(previewDisplays(fleet, {}).at(-1)).toEqual({ id: 'kiosk', orientation: 'portrait', touch: true });
  });

  it('a kiosk for every display, a touch display in the fleet: that one', () => {
    const withTouch = [{ displays: [{ id: 'lobby', orientation: 'portrait' as const, touch: true }] }];
    expect(previewDisplays(withTouch, {}).map((d) => [d.id, d.touch])).toEqual([['main', false], ['lobby', true]]);
  });

  it('the kiosk’s own displays are touch here, keeping the fleet’s orientation', () => {
    expect(previewDisplays(fleet, { displays: ['hall', 'corner'] }).map((d) => [d.id, d.orientation, d.touch])).toEqual([
      ['main', 'landscape', false],
      ['hall', 'landscape', true],
      ['corner', 'portrait', true],
    ]);
  });
});
