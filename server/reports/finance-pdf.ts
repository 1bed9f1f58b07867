import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { findChromium } from '../../core/chromium/choose.ts';
import { openCdp, pageWebSocketUrl } from '../../core/chromium/devtools.ts';
import { parseUnknown } from '../../playlists/parse.ts';
import { HttpError } from '../http/errors.ts';

const Printed = z.looseObject({ data: z.string().min(1) });
const TIMEOUT_MS = 60_000;

/**
 * HTML → A4 landscape PDF (the plays table has nine columns) with Debian's headless Chromium, through the DevTools
 * protocol (the command line's --print-to-pdf cannot print our header and
 * page numbers). A fresh profile per report; the process ends with it.
 */
export function htmlToPdf(html: string, header: string, footer: string): Promise<Buffer> {
  // One Chromium at a time: a burst of downloads waits its turn rather than starting a browser each on a small hub.
  const mine = queue.then(() => printOnce(html, header, footer));
  queue = mine.catch(() => undefined);
  return mine;
}

let queue: Promise<unknown> = Promise.resolve();

async function printOnce(html: string, header: string, footer: string): Promise<Buffer> {
  const chromium = findChromium();
  if (!chromium) throw new HttpError(503, 'INTERNAL', 'The hub cannot print PDF reports: no Chromium is installed (Debian: apt-get install chromium).');
  const dir = await mkdtemp(join(tmpdir(), 'pano-pdf-'));
  const page = join(dir, 'report.html');
  await writeFile(page, html);
  const child = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const port = await devToolsPort(child.stderr!);
    const cdp = await openCdp(await pageWebSocketUrl(port));
    try {
      await cdp.send('Page.enable');
      const loaded = new Promise<void>((resolve) => cdp.onEvent((method) => method === 'Page.loadEventFired' && resolve()));
      await cdp.send('Page.navigate', { url: pathToFileURL(page).href });
      await loaded;
      // Embedded fonts decode after load; print only once they are ready, or the marks fall back.
      await cdp.send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => true)', awaitPromise: true });
      const printed = parseUnknown(
        Printed,
        await cdp.send('Page.printToPDF', { paperWidth: 8.27, paperHeight: 11.69, landscape: true, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: header, footerTemplate: footer }, TIMEOUT_MS),
        'Page.printToPDF result',
      );
      return Buffer.from(printed.data, 'base64');
    } finally {
      cdp.close();
    }
  } finally {
    // Waiting for 'exit' only while it can still come: a Chromium that had already exited would leave this waiting for good.
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
    // Chromium's helper processes can still be writing to the profile a moment after the browser is killed: rm then
    // failed with ENOTEMPTY (report-mail.spec, once), and that failure refused a mail whose PDF was already made. Node
    // retries those, and a folder left in tmp after the retries does not fail the report.
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => undefined);
  }
}

/** Chromium prints "DevTools listening on ws://127.0.0.1:PORT/…" on stderr once it accepts connections. */
function devToolsPort(stderr: NodeJS.ReadableStream): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Chromium did not open DevTools within 30 s')), 30_000);
    stderr.setEncoding('utf8');
    stderr.on('data', (chunk: string) => {
      text = (text + chunk).slice(-4096);
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    stderr.once('end', () => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited before DevTools opened: ${text.trim().slice(-300)}`));
    });
  });
}
