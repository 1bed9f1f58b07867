import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPanoError } from '../../playlists/errors.ts';
import { CapSettings } from '../../playlists/schemas/emergency-api.ts';
import { createHub, type Hub } from '../hub.ts';
import { listEmergencyDrafts, publishDraftWithHubKey } from '../publish/emergency-drafts.ts';
import { emergencyState } from '../publish/emergency.ts';
import { draftFromAlert, plain } from './alert-draft.ts';
import { pollCap, saveCapSettings } from './feed.ts';
import { parseCapDocument, type CapAlert } from './parse.ts';

const FIXTURE = readFileSync(new URL('../../test/fixtures/cap/ca-mau-typhoon.xml', import.meta.url), 'utf8');
const NOW = Date.parse('2026-12-04T08:00:00Z'); // 15:00 in Cà Mau; the alert expires at 06:00 tomorrow (+07:00), 15 h later
const settings = CapSettings.parse({ url: 'http://127.0.0.1/cap.xml' });
const alertOf = (xml: string): CapAlert => {
  const doc = parseCapDocument(xml);
  if (doc.kind !== 'alert') throw new Error('expected an alert');
  return doc.alert;
};
const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'OK';
  } catch (error) {
    return isPanoError(error) ? error.code : 'other';
  }
};

/** The fixture as another message: a new identifier, msgType and references. */
const variant = (id: string, msgType: string, references?: string) =>
  FIXTURE.replace('VN-NCHMF-2026-1204-0012', id)
    .replace('<msgType>Alert</msgType>', `<msgType>${msgType}</msgType>`)
    .replace('<scope>Public</scope>', `<scope>Public</scope>${references ? `<references>${references}</references>` : ''}`);

describe('CAP 1.2 → bilingual emergency draft', () => {
  it('the Cà Mau typhoon warning: Vietnamese and English texts, storm icon, lasting until expiry but never past the root’s maximum', () => {
    const alert = alertOf(FIXTURE);
    expect(alert.info.map((i) => i.language)).toEqual(['vi-VN', 'en-US']);
    const made = draftFromAlert(alert, settings, NOW, 360)!;
    expect(made.request).toMatchObject({
      title: 'Bão số 9 gây gió mạnh và nước dâng ven biển Cà Mau',
      message: 'Không ra biển. Ở trong nhà ga và làm theo hướng dẫn của nhân viên.',
      titleEn: 'Typhoon No. 9: strong winds and storm surge on the Ca Mau coast',
      icon: 'storm',
      durationMinutes: 360,
    });
    expect(draftFromAlert(alert, settings, NOW, 7 * 24 * 60)!.request.durationMinutes).toBe(15 * 60);
    expect(made.info).toMatchObject({ identifier: 'VN-NCHMF-2026-1204-0012', severity: 'Severe', expires: '2026-12-04T23:00:00.000Z' });
  });

  it('another area, a milder alert than asked, an expired one, a test message: no draft', () => {
    const alert = alertOf(FIXTURE);
    expect(draftFromAlert(alert, { ...settings, area: 'Kiên Giang' }, NOW, 360)).toBeNull();
    expect(draftFromAlert(alert, { ...settings, minSeverity: 'Extreme' }, NOW, 360)).toBeNull();
    expect(draftFromAlert(alert, settings, Date.parse('2026-12-05T00:00:00Z'), 360)).toBeNull();
    expect(draftFromAlert(alertOf(FIXTURE.replace('<status>Actual</status>', '<status>Test</status>')), settings, NOW, 360)).toBeNull();
    expect(plain('  CÀ   MAU  Đông ')).toBe('ca mau dong');
  });

  it('refuses a DOCTYPE (no entity expansion), broken XML and a document that is not CAP', () => {
    expect(codeOf(() => parseCapDocument(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]>${FIXTURE.slice(FIXTURE.indexOf('<alert'))}`))).toBe('MALFORMED');
    expect(codeOf(() => parseCapDocument(FIXTURE.replace('</alert>', '')))).toBe('MALFORMED');
    expect(codeOf(() => parseCapDocument('<rss><channel/></rss>'))).toBe('SCHEMA_INVALID');
    expect(codeOf(() => parseCapDocument(FIXTURE.replace('<severity>Severe</severity>', '<severity>Awful</severity>')))).toBe('SCHEMA_INVALID');
  });

  it('reads an Atom feed: embedded alerts and links to alerts', () => {
    const alert = FIXTURE.slice(FIXTURE.indexOf('<alert'));
    const doc = parseCapDocument(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="text/xml">${alert}</content></entry><entry><link href="two.xml" type="application/cap+xml"/></entry></feed>`);
    expect(doc.kind === 'feed' && [doc.alerts.length, doc.links]).toEqual([1, ['two.xml']]);
  });
});

describe('the hub polls a CAP feed (real hub, SQLite, a loopback HTTP server)', () => {
  let hub: Hub;
  let feed: Server;
  let served = FIXTURE;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pano-cap-'));
    hub = await createHub({ dataDir: dir, port: 0, alertLoop: false, now: () => NOW });
    feed = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/cap+xml' }).end(served));
    await new Promise<void>((done) => feed.listen(0, '127.0.0.1', done));
    await saveCapSettings(hub.context, { ...settings, url: `http://127.0.0.1:${(feed.address() as AddressInfo).port}/cap.xml` }, 'admin');
  });
  afterAll(async () => {
    feed.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one draft per alert; an update supersedes it; a cancel ends the takeover it became', async () => {
    expect(await pollCap(hub.context)).toEqual({ alerts: 1, drafts: 1, cancelled: 0, error: null });
    expect(await pollCap(hub.context)).toEqual({ alerts: 0, drafts: 0, cancelled: 0, error: null });
    const [first] = await listEmergencyDrafts(hub.context);
    expect(first).toMatchObject({ source: 'cap', state: 'pending', cap: { identifier: 'VN-NCHMF-2026-1204-0012' } });

    const ref = 'canhbao@nchmf.gov.vn,VN-NCHMF-2026-1204-0012,2026-12-04T14:00:00+07:00';
    served = variant('VN-NCHMF-2026-1204-0013', 'Update', ref);
    expect(await pollCap(hub.context)).toEqual({ alerts: 1, drafts: 1, cancelled: 1, error: null });
    const drafts = await listEmergencyDrafts(hub.context);
    expect(drafts.map((d) => d.state).sort()).toEqual(['pending', 'superseded']);

    // This hub's demo root lets its key sign content, so it signs the takeover itself.
    const update = drafts.find((d) => d.state === 'pending')!;
    expect(await publishDraftWithHubKey(hub.context, update.id, 'duty')).toMatchObject({ state: 'published', publishedVersion: 1 });
    expect((await emergencyState(hub.context))?.active).toBe(true);

    served = variant('VN-NCHMF-2026-1204-0014', 'Cancel', 'canhbao@nchmf.gov.vn,VN-NCHMF-2026-1204-0013,2026-12-04T14:00:00+07:00');
    expect(await pollCap(hub.context)).toEqual({ alerts: 1, drafts: 0, cancelled: 1, error: null });
    expect((await emergencyState(hub.context))?.active).toBe(false);
  });

  it('a feed that cannot be read is answered, not thrown', async () => {
    served = '<alert><identifier>x';
    expect((await pollCap(hub.context)).error).toMatch(/not well-formed/);
  });
});
