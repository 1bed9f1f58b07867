import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { grabDisplays, grabFilter, labelBand } from './x11-grab.ts';

// A real X server (Xvfb) with a white root window: the grab must show it, per display, under a dark band naming the display.
describe('grabDisplays', () => {
  let xvfb: ReturnType<typeof spawn>;
  let display = '';
  beforeAll(async () => {
    xvfb = spawn('Xvfb', ['-displayfd', '3', '-wr', '-screen', '0', '640x360x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    display = await new Promise<string>((resolve) => {
      let text = '';
      (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(`:${text.trim()}`);
      });
    });
  });
  afterAll(() => void xvfb?.kill());

  it('grabs each display from the X screen, stacked, each under a band with its name', async () => {
    const png = PNG.sync.read(Buffer.from(await grabDisplays({ ...process.env, DISPLAY: display }, [
      { name: 'main', rect: { x: 0, y: 0, width: 320, height: 360 } },
      { name: 'kiosk', rect: { x: 320, y: 0, width: 320, height: 180 } },
    ])));
    const band = labelBand(360);
    const kioskBand = labelBand(180);
    expect([png.width, png.height]).toEqual([320, 360 + band + 180 + kioskBand]);
    const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
    const isWhite = (p: number[]) => p.every((v) => v > 240);
    expect(isWhite(at(160, band + 180))).toBe(true);
    expect(isWhite(at(160, 360 + band + kioskBand + 90))).toBe(true);
    // The bands: dark, with white text (the display's name) in them.
    const bandPixels = (top: number, height: number) => Array.from({ length: height * 200 }, (_, i) => at(i % 200, top + Math.floor(i / 200)));
    for (const [top, height] of [[0, band], [360 + band, kioskBand]] as const) {
      const pixels = bandPixels(top, height);
      expect(pixels.filter((p) => p.every((v) => v < 0x30)).length).toBeGreaterThan(pixels.length / 2);
      expect(pixels.some((p) => p.every((v) => v > 0xe0))).toBe(true);
    }
  });

  it('says why where there is no X screen', async () => {
    await expect(grabDisplays({}, [{ name: 'main', rect: { x: 0, y: 0, width: 10, height: 10 } }])).rejects.toThrow(/no DISPLAY/);
  });

  it('names each display in its band', () => {
    const filter = grabFilter([{ name: 'main', rect: { x: 1920, y: 0, width: 1920, height: 1080 } }], { x: 1920, y: 0 });
    expect(filter).toContain("drawtext=text='main  1920x1080'");
    expect(filter).toContain('crop=1920:1080:0:0');
  });
});
