import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { op, opJson, publishChannel, simpleDraft, type Backend, type TestHub } from './helpers.ts';
import { makeVideo } from './media.ts';

interface Media {
  sha256: string;
  name: string;
  title: string;
  tags: string[];
  kind: string;
  width: number | null;
  height: number | null;
  thumbnailUrl: string | null;
  url: string;
  expiresAt: string | null;
  expired: boolean;
  usedBy: { id: string; title: string; draft: boolean; published: boolean }[];
}

/** Width and height from a JPEG's start-of-frame marker (baseline or progressive). */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  for (let i = 2; i < bytes.length - 9; ) {
    if (bytes[i] !== 0xff) throw new Error(`not a JPEG marker at ${i}`);
    const marker = bytes[i + 1]!;
    if (marker === 0xc0 || marker === 0xc2) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  throw new Error('no start-of-frame marker');
}

async function upload(t: TestHub, bytes: Buffer, name: string): Promise<Media> {
  const res = await fetch(`${t.url}/api/media?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf }, body: new Blob([new Uint8Array(bytes)]) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Media;
}

/** The media library: thumbnails made by ffmpeg, titles, tags, search, expiry, and deletion refused while in use. */
export function defineMediaTests(backend: Backend, hub: () => TestHub): void {
  test(`${backend}: a video gets a poster frame and an image a thumbnail: real JPEGs, 320 px wide at most, cached a year`, async () => {
    const t = hub();
    const clip = await upload(t, makeVideo('libx264', 2, '640x360'), 'Mũi Cà Mau.mp4');
    expect(clip).toMatchObject({ title: 'Mũi Cà Mau', name: 'Mũi Cà Mau.mp4', kind: 'video', width: 640, height: 360, thumbnailUrl: `/api/media/${clip.sha256}/thumbnail` });
    const poster = await op(t.url, t.admin, 'GET', clip.thumbnailUrl!);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect(poster.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(jpegSize(Buffer.from(await poster.arrayBuffer()))).toEqual({ width: 320, height: 180 });

    const png = new PNG({ width: 90, height: 160 });
    png.data.fill(200);
    const picture = await upload(t, PNG.sync.write(png), 'poster-doc.png');
    const thumb = await op(t.url, t.admin, 'GET', picture.thumbnailUrl!);
    expect(jpegSize(Buffer.from(await thumb.arrayBuffer()))).toEqual({ width: 90, height: 160 }); // never scaled up
    expect((await fetch(`${t.url}${picture.thumbnailUrl!}`)).status).toBe(401);
    // Operators play files in place with their session (screens with their token).
    const file = await op(t.url, t.admin, 'GET', clip.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('video/mp4');
  });

  test(`${backend}: title, tags and last day are editable; search ignores tone marks; filters by type and tag`, async () => {
    const t = hub();
    const clip = await upload(t, makeVideo('libx264', 1, '320x240'), 'clip-cua.mp4');
    const edited = await opJson<Media>(t.url, t.admin, 'PATCH', `/api/media/${clip.sha256}`, { title: 'Cua Cà Mau', tags: ['ẩm thực', 'ocop'], expiresAt: '2020-01-31' });
    expect(edited).toMatchObject({ title: 'Cua Cà Mau', tags: ['ẩm thực', 'ocop'], expiresAt: '2020-01-31', expired: true });
    const find = async (qs: string) => (await opJson<{ media: Media[] }>(t.url, t.admin, 'GET', `/api/media?${qs}`)).media.map((m) => m.sha256);
    expect(await find('q=ca%20mau')).toContain(clip.sha256);
    expect(await find('q=CUA')).toContain(clip.sha256);
    expect(await find('q=am%20thuc')).toContain(clip.sha256);
    expect(await find('q=honey')).not.toContain(clip.sha256);
    expect(await find('type=video&tag=ocop')).toEqual([clip.sha256]);
    expect(await find('type=image&tag=ocop')).toEqual([]);
    const bad = await op(t.url, t.admin, 'PATCH', `/api/media/${clip.sha256}`, { expiresAt: '31/01/2020' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { issues: { path: string; code: string }[] } }).error.issues[0]).toMatchObject({ path: 'expiresAt', code: 'invalid_format' });
    expect((await opJson<Media>(t.url, t.admin, 'PATCH', `/api/media/${clip.sha256}`, { expiresAt: null })).expired).toBe(false);
  });

  test(`${backend}: deleting a file a channel uses is refused, naming the channels; once unused it goes, file and all`, async () => {
    const t = hub();
    const clip = await upload(t, makeVideo('libx264', 1, '320x240'), 'dat-mui.mp4');
    const draft = simpleDraft('Đất Mũi') as Record<string, any>;
    draft.assets.clip = { sha256: clip.sha256 };
    draft.items.clip = { kind: 'video', asset: 'clip' };
    draft.sequences.main.items.push('clip');
    await publishChannel(t, 'dat-mui', draft);
    const refused = await op(t.url, t.admin, 'DELETE', `/api/media/${clip.sha256}`);
    expect(refused.status).toBe(409);
    const error = ((await refused.json()) as { error: { code: string; message: string; params: { channels: unknown[] } } }).error;
    expect(error.code).toBe('MEDIA_IN_USE');
    expect(error.params.channels).toEqual([{ id: 'dat-mui', title: 'Đất Mũi', draft: true, published: true }]);
    expect(error.message).toContain('Đất Mũi (dat-mui)');
    expect((await opJson<Media>(t.url, t.admin, 'GET', `/api/media/${clip.sha256}`)).usedBy).toHaveLength(1);

    // Out of the draft: still in the published playlist, so still refused.
    await opJson(t.url, t.admin, 'PUT', '/api/channels/dat-mui/draft', { draft: simpleDraft('Đất Mũi') });
    const still = await op(t.url, t.admin, 'DELETE', `/api/media/${clip.sha256}`);
    expect(((await still.json()) as { error: { params: { channels: unknown[] } } }).error.params.channels).toEqual([{ id: 'dat-mui', title: 'Đất Mũi', draft: false, published: true }]);
    await opJson(t.url, t.admin, 'POST', '/api/channels/dat-mui/publish');
    expect(await opJson(t.url, t.admin, 'DELETE', `/api/media/${clip.sha256}`)).toEqual({ ok: true });
    expect((await op(t.url, t.admin, 'GET', clip.url)).status).toBe(404);
    expect((await op(t.url, t.admin, 'GET', `/api/media/${clip.sha256}/thumbnail`)).status).toBe(404);
  });
}
