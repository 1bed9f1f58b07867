import { describe, expect, it } from 'vitest';
import { parseXrandrMonitors } from './monitors.ts';
import { kioskFlags } from './flags.ts';

describe('parseXrandrMonitors', () => {
  it('reads each monitor rectangle, including a portrait one to the right', () => {
    const output = ['Monitors: 2', ' 0: +*HDMI-1 1920/527x1080/296+0+0  HDMI-1', ' 1: +DP-1 1080/296x1920/527+1920+0  DP-1', ''].join('\n');
    expect(parseXrandrMonitors(output)).toEqual([
      { x: 0, y: 0, width: 1920, height: 1080 },
      { x: 1920, y: 0, width: 1080, height: 1920 },
    ]);
  });

  it('returns nothing for unrelated text', () => {
    expect(parseXrandrMonitors("Can't open display")).toEqual([]);
  });
});

describe('kioskFlags', () => {
  it('opens the URL as a kiosk app with its own profile and a loopback DevTools port', () => {
    const flags = kioskFlags({ url: 'http://127.0.0.1:9/?display=main', userDataDir: '/d/main', runningAsRoot: false, rect: { x: 1920, y: 0, width: 1080, height: 1920 } });
    expect(flags).toContain('--kiosk');
    expect(flags.at(-1)).toBe('--app=http://127.0.0.1:9/?display=main');
    expect(flags).toContain('--user-data-dir=/d/main');
    expect(flags).toContain('--remote-debugging-port=0');
    expect(flags).toContain('--remote-debugging-address=127.0.0.1');
    expect(flags).toContain('--autoplay-policy=no-user-gesture-required');
    expect(flags).toContain('--window-position=1920,0');
    expect(flags).not.toContain('--no-sandbox');
  });

  it('runs the network service in-process, in one --enable-features (Chromium keeps only the last of a repeated switch)', () => {
    const flags = kioskFlags({ url: 'http://127.0.0.1:9/', userDataDir: '/d', runningAsRoot: true });
    expect(flags.filter((f) => f.startsWith('--enable-features='))).toEqual(['--enable-features=NetworkServiceInProcess2']);
    expect(flags.filter((f) => f.startsWith('--disable-features='))).toHaveLength(1);
  });

  it('drops the sandbox only when running as root', () => {
    expect(kioskFlags({ url: 'http://127.0.0.1:9/', userDataDir: '/d', runningAsRoot: true })).toContain('--no-sandbox');
  });
});
