/**
 * Stored XSS through media: an editor uploads an SVG whose script, opened by
 * an admin on the hub's origin, would create an admin account through the
 * API. In Debian's Chromium, signed in as admin: the upload is refused under
 * any name, and an SVG already in the media store (uploaded before the rule)
 * is downloaded, never rendered, and even rendered it runs nothing.
 */
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUser, op, startTestHub, type TestHub } from './helpers.ts';

const EVIL = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" onload="document.documentElement.setAttribute('data-onload', '1')">
  <rect width="200" height="200" fill="red"/>
  <script>
    document.documentElement.setAttribute('data-ran', '1');
    fetch('/api/me').then((r) => r.json()).then((me) => fetch('/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
      body: JSON.stringify({ username: 'mallory', password: 'mallory-owns-the-hub', role: 'admin' }),
    }));
  </script>
</svg>
`;

let t: TestHub;
test.beforeAll(async () => {
  t = await startTestHub('sqlite');
});
test.afterAll(async () => t?.close());

const users = async () => (await t.hub.context.db.all<{ username: string }>('SELECT username FROM users ORDER BY username')).map((u) => u.username);

test('an SVG with a script is refused at upload, and one already stored runs nothing when an admin opens it', async ({ browser }) => {
  const editor = await addUser(t, 'eddie', 'editor');
  const before = await users();

  // Refused under any name and any disguise: the bytes decide, and SVG is not accepted.
  for (const [name, bytes] of [
    ['logo.svg', EVIL],
    ['logo.png', EVIL],
    ['subtitles.vtt', EVIL],
    ['logo.svg', `\ufeff\n  ${EVIL.replace('<?xml version="1.0"?>\n', '')}`],
  ] as const) {
    const res = await fetch(`${t.url}/api/media?name=${name}`, { method: 'POST', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf }, body: bytes });
    expect(res.status, name).toBe(415);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  }
  const svgRefusal = (await (await fetch(`${t.url}/api/media?name=logo.svg`, { method: 'POST', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf }, body: EVIL })).json()) as { error: { message: string } };
  expect(svgRefusal.error.message).toBe('logo.svg: SVG (or other XML) is not accepted: it can carry script that would run in the hub. Export it as PNG or WebP.');
  expect(await t.hub.context.db.all('SELECT sha256 FROM media')).toEqual([]);

  // An SVG stored before the rule (as the attack run left one): same file layout and row an upload made.
  const sha = createHash('sha256').update(EVIL).digest('hex');
  mkdirSync(join(t.dataDir, 'media'), { recursive: true });
  writeFileSync(join(t.dataDir, 'media', sha), EVIL);
  await t.hub.context.db.run(
    'INSERT INTO media (sha256, size, type, name, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [sha, Buffer.byteLength(EVIL), 'image/svg+xml', 'logo.svg', 'eddie', Date.now()],
  );
  const url = `${t.url}/media/${sha}`;
  const served = await op(t.url, t.admin, 'GET', `/media/${sha}`);
  expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
  expect(served.headers.get('content-disposition')).toBe('attachment');
  expect(served.headers.get('x-content-type-options')).toBe('nosniff');

  const context = await browser.newContext({ acceptDownloads: true });
  await context.addCookies([{ name: 'pano_session', value: t.admin.cookie.split('=')[1]!, url: t.url }]);
  const page = await context.newPage();
  const asked: string[] = [];
  page.on('request', (r) => asked.push(`${r.method()} ${new URL(r.url()).pathname}`));
  // The admin is signed in: the page can reach the API with the session.
  await page.goto(`${t.url}/api/me`);
  expect(await page.textContent('body')).toContain('"role":"admin"');

  // Opened directly: Chromium downloads it (attachment) and renders nothing.
  const download = page.waitForEvent('download');
  await page.goto(url).catch((e: Error) => expect(e.message).toMatch(/net::ERR_ABORTED|Download is starting/));
  expect((await download).suggestedFilename()).toBeTruthy();

  // Rendered anyway (the attachment header stripped on the way, the hub's CSP kept): the sandbox runs nothing.
  const violations: string[] = [];
  page.on('console', (m) => violations.push(m.text()));
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-disposition'];
    await route.fulfill({ response, headers });
  });
  await page.goto(url);
  await expect(page.locator('svg rect')).toHaveCount(1); // the document did render
  expect(await page.evaluate(() => [document.documentElement.getAttribute('data-ran'), document.documentElement.getAttribute('data-onload')])).toEqual([null, null]);
  expect(violations.some((v) => /Content Security Policy|sandbox/i.test(v)), violations.join('\n')).toBe(true);
  // The page is in an opaque origin: nothing of the hub's is reachable from it.
  expect(await page.evaluate(() => origin)).toBe('null');

  // Nothing was asked of the API from the file, and no account appeared.
  expect(asked.filter((a) => a.includes('/api/'))).toEqual(['GET /api/me']);
  expect(await users()).toEqual(before);
  expect(await users()).not.toContain('mallory');
  await context.close();
});
