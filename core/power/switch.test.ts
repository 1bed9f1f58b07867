import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpmsSwitch } from './switch.ts';

// A real X server without DPMS (Debian's Xvfb): xset exits 0 there, yet nothing was switched.
describe('DPMS switch', () => {
  let xvfb: ReturnType<typeof spawn>;
  let display = '';
  beforeAll(async () => {
    xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '320x200x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    display = await new Promise<string>((resolve) => {
      let text = '';
      (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(`:${text.trim()}`);
      });
    });
  });
  afterAll(() => void xvfb?.kill());

  it('says so when the X server has no DPMS extension, rather than reporting the panel off', async () => {
    await expect(dpmsSwitch({ ...process.env, DISPLAY: display })(false)).rejects.toThrow(`the X server on ${display} has no DPMS extension`);
  });

  it('needs an X display', async () => {
    await expect(dpmsSwitch({ PATH: process.env.PATH })(true)).rejects.toThrow(/DISPLAY is not set/);
  });
});
