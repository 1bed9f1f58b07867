import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { decodeBase64, encodeBase64 } from '../../../playlists/base64.ts';
import { formatPrivateKeyFile, generateKeyPair } from '../../../playlists/keys.ts';
import type { NoticeList, SentBack, VersionDiff, VersionRecord } from '../../../playlists/schemas/board-workflow.ts';
import type { Submission } from '../../../playlists/schemas/board.ts';
import { Playlist } from '../../../playlists/schemas/playlist.ts';
import { approve, boardRoot, codeOf } from './api-board.ts';
import { addUser, FakeDevice, op, opJson, simpleDraft, startTestHub, type Backend, type Session, type TestHub } from './helpers.ts';
import { startSmtp, subjectOf, text, until, type SmtpServer } from './smtp.ts';

/** A draft whose one slide has a Vietnamese and an English title. */
const draft = (vi: string, en: string) => ({ ...simpleDraft('Cà Mau'), items: { hello: { kind: 'slide', template: 'headline', duration: 10, fields: { title: { vi, en } } } } });

export function defineBoardWorkflowSuite(backend: Backend): void {
  test.describe(`${backend}: the board's workflow`, () => {
    let t: TestHub;
    let dir: string;
    let smtp: SmtpServer;
    const approvers = [generateKeyPair(), generateKeyPair(), generateKeyPair()];
    const hubKey = generateKeyPair();
    let editor: Session;
    let people: Session[];

    test.beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pano-board-flow-'));
      writeFileSync(join(dir, 'root.json'), boardRoot(generateKeyPair(), hubKey, approvers).envelope);
      writeFileSync(join(dir, 'hub.key'), formatPrivateKeyFile(hubKey));
      smtp = await startSmtp(dir);
      t = await startTestHub(backend, { rootFile: join(dir, 'root.json'), publisherKeyFile: join(dir, 'hub.key') });
      // Alert rules off: the outbox still carries the board's notices through the same SMTP door.
      await opJson(t.url, t.admin, 'PUT', '/api/alerts/settings', { enabled: false, checkSeconds: 0.2, smtp: smtp.settings() });
      editor = await addUser(t, 'dung', 'editor');
      people = [await addUser(t, 'an', 'approver'), await addUser(t, 'binh', 'approver'), await addUser(t, 'chi', 'approver')];
      for (const [i, s] of people.entries()) await opJson(t.url, s, 'POST', '/api/approver-keys', { public: encodeBase64(approvers[i]!.publicKey) });
      await opJson(t.url, editor, 'PUT', '/api/notices/email', { email: 'dung@example.org' });
      await opJson(t.url, people[1]!, 'PUT', '/api/notices/email', { email: 'binh@example.org' });
      await opJson(t.url, people[1]!, 'PUT', '/api/me/language', { language: 'en' });
    });
    test.afterAll(async () => {
      await t?.close();
      smtp?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const submission = () => opJson<Submission>(t.url, t.admin, 'GET', '/api/channels/ca-mau/submission');
    const sign = (i: number, sub: Submission) => op(t.url, people[i]!, 'POST', '/api/channels/ca-mau/submission/signatures', approve(sub, approvers[i]!));
    const signOk = async (i: number, sub: Submission) => {
      const res = await sign(i, sub);
      expect(res.status).toBe(200);
      return (await res.json()) as Submission;
    };

    test('sent back with a remark, withdrawn, resubmitted, published twice, history, diff, rollback; notices in the dashboard and by mail', async () => {
      test.setTimeout(120_000);
      const device = await FakeDevice.pair(t, { channel: 'ca-mau' });

      // 1. Submitted: the approvers hear of it (binh in English, by mail); the editor does not hear of their own act.
      await opJson(t.url, editor, 'PUT', '/api/channels/ca-mau/draft', { draft: draft('Bão số 9', 'Storm no. 9'), submit: true });
      const first = await submission();
      expect((await opJson<NoticeList>(t.url, people[0]!, 'GET', '/api/notices')).notices.map((n) => [n.kind, n.channel, n.title, n.version, n.by])).toEqual([['submitted', 'ca-mau', 'Cà Mau', 1, 'dung']]);
      expect((await opJson<NoticeList>(t.url, editor, 'GET', '/api/notices')).notices).toEqual([]);
      const toBinh = await until('the submitted mail to binh', 20_000, () => smtp.mailsTo('binh@example.org')[0]);
      expect(subjectOf(toBinh)).toBe('[Pano] Awaiting the board: Cà Mau version 1');

      // 2. an signs; binh sends it back: a remark is required; the version leaves signing and an's signature no longer counts.
      await signOk(0, first);
      expect(await codeOf(await op(t.url, people[1]!, 'POST', '/api/channels/ca-mau/submission/send-back', { remark: '  ' }))).toEqual({ status: 422, code: 'SCHEMA_INVALID' });
      const back = await opJson<SentBack>(t.url, people[1]!, 'POST', '/api/channels/ca-mau/submission/send-back', { remark: 'Sửa lại tiêu đề tiếng Anh: "Typhoon" thay cho "Storm".' });
      expect([back.version, back.by]).toEqual([1, 'binh']);
      expect(await codeOf(await sign(2, first))).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(await codeOf(await op(t.url, t.admin, 'GET', '/api/channels/ca-mau/submission'))).toEqual({ status: 404, code: 'NOT_FOUND' });
      const detail = await opJson<{ state: string; version: number; sentBack: SentBack | null }>(t.url, editor, 'GET', '/api/channels/ca-mau');
      expect([detail.state, detail.version, detail.sentBack?.remark, detail.sentBack?.by]).toEqual(['draft', 0, back.remark, 'binh']);
      expect((await device.get(`/feed/${device.id}.json`)).status).not.toBe(200);
      const sentMail = await until('the sent-back mail to dung', 20_000, () => smtp.mailsTo('dung@example.org').find((m) => subjectOf(m).startsWith('[Pano] Yêu cầu sửa')));
      expect(text(sentMail)).toContain('binh đã trả lại phiên bản 1 của kênh «Cà Mau» và yêu cầu sửa.');
      expect(text(sentMail)).toContain('"Typhoon" thay cho "Storm"');

      // 3. Resubmitted; only its author (not another approver) withdraws it; submitted again, fresh: no old signature carries over.
      await opJson(t.url, editor, 'PUT', '/api/channels/ca-mau/draft', { draft: draft('Bão số 9', 'Typhoon no. 9'), submit: true });
      expect(await codeOf(await op(t.url, people[2]!, 'DELETE', '/api/channels/ca-mau/submission'))).toEqual({ status: 403, code: 'FORBIDDEN' });
      expect((await opJson<SentBack>(t.url, editor, 'DELETE', '/api/channels/ca-mau/submission')).remark).toBeNull();
      expect((await opJson<{ sentBack: SentBack | null }>(t.url, editor, 'GET', '/api/channels/ca-mau')).sentBack).toMatchObject({ by: 'dung', remark: null });
      await opJson(t.url, editor, 'POST', '/api/channels/ca-mau/submit');
      const second = await submission();
      expect([second.version, second.signatures]).toEqual([1, []]);
      await signOk(0, second);
      expect((await signOk(2, second)).publishedVersion).toBe(1);
      expect((await opJson<{ sentBack: SentBack | null }>(t.url, editor, 'GET', '/api/channels/ca-mau')).sentBack).toBeNull();

      // 4. Version 2 changes both languages' text.
      await opJson(t.url, editor, 'PUT', '/api/channels/ca-mau/draft', { draft: draft('Triều cường', 'High tide'), submit: true });
      const third = await submission();
      const pending = await opJson<VersionDiff>(t.url, people[0]!, 'GET', '/api/channels/ca-mau/diff?from=1&to=submission');
      expect(pending.to).toEqual({ version: 2, label: 'submission' });
      await signOk(0, third);
      expect((await signOk(1, third)).publishedVersion).toBe(2);

      // 5. History: both versions with who signed, when, with which key.
      const history = await opJson<{ versions: VersionRecord[] }>(t.url, t.admin, 'GET', '/api/channels/ca-mau/versions');
      expect(history.versions.map((v) => [v.version, v.signers.map((s) => [s.by, s.keyid, s.role]).sort()])).toEqual([
        [2, [['an', approvers[0]!.keyid, 'board'], ['binh', approvers[1]!.keyid, 'board']].sort()],
        [1, [['an', approvers[0]!.keyid, 'board'], ['chi', approvers[2]!.keyid, 'board']].sort()],
      ]);
      for (const s of history.versions.flatMap((v) => v.signers)) expect(Date.parse(s.at!)).toBeGreaterThan(Date.now() - 120_000);

      // 6. The diff names the item and each language's text.
      const diff = await opJson<VersionDiff>(t.url, t.admin, 'GET', '/api/channels/ca-mau/diff?from=1&to=2');
      expect(diff.changes).toEqual([
        { kind: 'text', item: 'hello', title: { vi: 'Triều cường', en: 'High tide' }, field: 'fields.title', language: 'vi', before: 'Bão số 9', after: 'Triều cường' },
        { kind: 'text', item: 'hello', title: { vi: 'Triều cường', en: 'High tide' }, field: 'fields.title', language: 'en', before: 'Typhoon no. 9', after: 'High tide' },
      ]);
      expect(pending.changes).toEqual(diff.changes);
      expect(await codeOf(await op(t.url, t.admin, 'GET', '/api/channels/ca-mau/diff?from=9&to=2'))).toEqual({ status: 404, code: 'NOT_FOUND' });

      // 7. Rollback to v1: a new version 3 with v1's content, a new expiry, signed like any other; old bytes are never re-served.
      const v1 = (await opJson<{ versions: VersionRecord[] }>(t.url, t.admin, 'GET', '/api/channels/ca-mau/versions')).versions[1]!;
      const rolled = await opJson<Submission>(t.url, editor, 'POST', '/api/channels/ca-mau/rollback', { version: 1 });
      const payload = Playlist.parse(JSON.parse(new TextDecoder().decode(decodeBase64(rolled.payload))));
      expect([rolled.version, payload.version, rolled.payloadSha256 === v1.payloadSha256]).toEqual([3, 3, false]);
      expect((await opJson<VersionDiff>(t.url, t.admin, 'GET', '/api/channels/ca-mau/diff?from=1&to=submission')).changes).toEqual([]);
      await signOk(1, rolled);
      expect((await signOk(2, rolled)).publishedVersion).toBe(3);
      const after = await opJson<{ versions: VersionRecord[] }>(t.url, t.admin, 'GET', '/api/channels/ca-mau/versions');
      expect(after.versions.map((v) => [v.version, v.rollbackOf])).toEqual([[3, 1], [2, null], [1, null]]);
      const feed = JSON.parse(await (await device.get(`/feed/${device.id}.json`)).text()) as { payload: string };
      const served = Playlist.parse(JSON.parse(new TextDecoder().decode(decodeBase64(feed.payload))));
      expect([served.version, (served.items.hello as { fields: { title: unknown } }).fields.title]).toEqual([3, { vi: 'Bão số 9', en: 'Typhoon no. 9' }]);

      // 8. The editor's notices: signed, sent back, published; read once, then none unread.
      const mine = await opJson<NoticeList>(t.url, editor, 'GET', '/api/notices');
      expect(new Set(mine.notices.map((n) => n.kind))).toEqual(new Set(['signed', 'sentBack', 'published']));
      expect(mine.notices.find((n) => n.kind === 'sentBack')!.remark).toBe(back.remark);
      expect([mine.unread, mine.email]).toEqual([mine.notices.length, 'dung@example.org']);
      expect((await opJson<NoticeList>(t.url, editor, 'POST', '/api/notices/read')).unread).toBe(0);
      await until('the published mail to dung', 20_000, () => smtp.mailsTo('dung@example.org').find((m) => subjectOf(m) === '[Pano] Đã xuất bản: Cà Mau phiên bản 3'));
    });
  });
}
