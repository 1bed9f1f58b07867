import type { Language } from '../../playlists/schemas/operator-accounts.ts';
import type { NoticeKind } from '../../playlists/schemas/board-workflow.ts';
import { formatTime } from '../alerts/words.ts';

/**
 * The notice mails' words in Vietnamese and English. They live with the hub
 * (server/ may not import the studio's catalogues, as for the alert mails in
 * server/alerts/words.ts); the studio words the same notices from its own
 * catalogues (studio/i18n/vi-workflow.ts, en-workflow.ts).
 */

export interface NoticeFacts {
  kind: NoticeKind;
  channel: string;
  title: string;
  version: number;
  by: string;
  at: number;
  remark: string | null;
}

type Words = Record<NoticeKind, (f: NoticeFacts) => string>;

const SUBJECT: Record<Language, Words> = {
  vi: {
    submitted: (f) => `[Pano] Chờ duyệt: ${f.title} phiên bản ${f.version}`,
    signed: (f) => `[Pano] ${f.by} đã ký ${f.title} phiên bản ${f.version}`,
    sentBack: (f) => `[Pano] Yêu cầu sửa: ${f.title} phiên bản ${f.version}`,
    withdrawn: (f) => `[Pano] Đã rút lại: ${f.title} phiên bản ${f.version}`,
    published: (f) => `[Pano] Đã xuất bản: ${f.title} phiên bản ${f.version}`,
  },
  en: {
    submitted: (f) => `[Pano] Awaiting the board: ${f.title} version ${f.version}`,
    signed: (f) => `[Pano] ${f.by} signed ${f.title} version ${f.version}`,
    sentBack: (f) => `[Pano] Changes requested: ${f.title} version ${f.version}`,
    withdrawn: (f) => `[Pano] Withdrawn: ${f.title} version ${f.version}`,
    published: (f) => `[Pano] Published: ${f.title} version ${f.version}`,
  },
};

const LINE: Record<Language, Words> = {
  vi: {
    submitted: (f) => `${f.by} đã gửi phiên bản ${f.version} của kênh «${f.title}» để hội đồng duyệt.`,
    signed: (f) => `${f.by} đã ký phiên bản ${f.version} của kênh «${f.title}».`,
    sentBack: (f) => `${f.by} đã trả lại phiên bản ${f.version} của kênh «${f.title}» và yêu cầu sửa.`,
    withdrawn: (f) => `${f.by} đã rút lại phiên bản ${f.version} của kênh «${f.title}»; các chữ ký trên phiên bản này không còn được tính.`,
    published: (f) => `Phiên bản ${f.version} của kênh «${f.title}» đã đủ chữ ký và được xuất bản tới các màn hình.`,
  },
  en: {
    submitted: (f) => `${f.by} submitted version ${f.version} of the channel “${f.title}” to the board.`,
    signed: (f) => `${f.by} signed version ${f.version} of the channel “${f.title}”.`,
    sentBack: (f) => `${f.by} sent version ${f.version} of the channel “${f.title}” back and asked for changes.`,
    withdrawn: (f) => `${f.by} withdrew version ${f.version} of the channel “${f.title}”; signatures over it no longer count.`,
    published: (f) => `Version ${f.version} of the channel “${f.title}” has the board's signatures and was published to the screens.`,
  },
};

const REMARK: Record<Language, string> = { vi: 'Nhận xét', en: 'Remark' };
const WHEN: Record<Language, (time: string, zone: string) => string> = {
  vi: (time, zone) => `Lúc ${time} (múi giờ ${zone}).`,
  en: (time, zone) => `At ${time} (${zone}).`,
};

export function noticeMail(f: NoticeFacts, language: Language, timeZone: string): { subject: string; text: string } {
  const lines = [LINE[language][f.kind](f)];
  if (f.remark) lines.push('', `${REMARK[language]}:`, f.remark);
  lines.push('', WHEN[language](formatTime(new Date(f.at).toISOString(), timeZone), timeZone), '');
  return { subject: SUBJECT[language][f.kind](f), text: lines.join('\n') };
}
