import { z } from 'zod';
import { Id, Instant, Sha256Hex } from './common.ts';
import { KeyId } from './root.ts';
import { Submission } from './board.ts';
import { approver, editor, viewer } from './route-access.ts';

/**
 * The board's workflow around a submission (docs/studio.md, "The board's
 * workflow"): sending a version back with a remark, the author withdrawing
 * it, notices to the people concerned, the history of published versions
 * with their signers, a diff between any two versions, and a rollback that
 * prepares a new version with an earlier content for the board to sign.
 */

export const Remark = z.string().trim().min(1).max(2000);
export const SendBack = z.strictObject({ remark: Remark });

/** Why the last submission of a channel is no longer waiting: sent back by an approver (with a remark) or withdrawn by its author. */
export const SentBack = z.object({
  version: z.int(),
  by: z.string(),
  at: Instant,
  /** null when the author withdrew it. */
  remark: z.string().nullable(),
});
export type SentBack = z.infer<typeof SentBack>;

export const NOTICE_KINDS = ['submitted', 'signed', 'sentBack', 'withdrawn', 'published'] as const;
export const NoticeKind = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKind>;

export const Notice = z.object({
  id: z.string(),
  at: Instant,
  kind: NoticeKind,
  channel: Id,
  /** The channel's title now (the id when the channel is gone): what the operator knows it by. */
  title: z.string(),
  version: z.int(),
  /** Who did it. */
  by: z.string(),
  remark: z.string().nullable(),
  read: z.boolean(),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeList = z.object({ notices: z.array(Notice), unread: z.int(), email: z.string().nullable() });
export type NoticeList = z.infer<typeof NoticeList>;
/** Where my notices are also e-mailed (when the hub has SMTP); null: the dashboard only. */
export const NoticeEmail = z.strictObject({ email: z.email().max(254).nullable() });

export const VersionSigner = z.object({
  keyid: KeyId,
  /** The approver who registered the key, else null (the hub's key, or a key signed offline and never registered). */
  by: z.string().nullable(),
  /** When the hub received the signature (null when it came inside an envelope signed offline). */
  at: Instant.nullable(),
  role: z.enum(['board', 'publisher', 'other']),
});
export const VersionRecord = z.object({
  version: z.int(),
  publishedAt: Instant,
  publishedBy: z.string(),
  payloadSha256: Sha256Hex,
  signers: z.array(VersionSigner),
  /** Set when this version was prepared as a rollback to an earlier one. */
  rollbackOf: z.int().nullable(),
});
export type VersionRecord = z.infer<typeof VersionRecord>;
export const VersionHistory = z.object({ channel: Id, versions: z.array(VersionRecord) });

/** A version number, or `submission` (the frozen version awaiting the board). */
export const VersionRef = z.union([z.literal('submission'), z.coerce.number().int().min(1)]);
export const DiffQuery = z.strictObject({ from: VersionRef, to: VersionRef });

const Text = z.union([z.string(), z.record(z.string(), z.string())]).nullable();
const MediaRef = z.object({ asset: z.string(), sha256: z.string().nullable(), type: z.string().nullable() }).nullable();

/**
 * One change a content officer reads as a sentence (the studio words it).
 * `item` changes name the item by id and title; texts are per language;
 * media by asset and sha256; schedule entries by id with the fields changed.
 */
export const DiffChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('itemAdded'), item: z.string(), title: Text }),
  z.object({ kind: z.literal('itemRemoved'), item: z.string(), title: Text }),
  z.object({ kind: z.literal('text'), item: z.string().nullable(), title: Text, field: z.string(), language: z.string().nullable(), before: z.string().nullable(), after: z.string().nullable() }),
  z.object({ kind: z.literal('media'), item: z.string(), title: Text, field: z.string(), change: z.enum(['added', 'removed', 'changed']), before: MediaRef, after: MediaRef }),
  z.object({ kind: z.literal('field'), item: z.string(), title: Text, field: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
  z.object({ kind: z.literal('loop'), sequence: z.string(), before: z.array(z.string()), after: z.array(z.string()) }),
  z.object({ kind: z.literal('schedule'), entry: z.string(), change: z.enum(['added', 'removed', 'changed']), fields: z.array(z.string()) }),
  z.object({ kind: z.literal('other'), part: z.string() }),
]);
export type DiffChange = z.infer<typeof DiffChange>;
export const VersionDiff = z.object({
  from: z.object({ version: z.int(), label: z.string() }),
  to: z.object({ version: z.int(), label: z.string() }),
  changes: z.array(DiffChange),
});
export type VersionDiff = z.infer<typeof VersionDiff>;

export const Rollback = z.strictObject({ version: z.int().min(1) });


/** The workflow's routes, spread into the operator API's route table (operator-api.ts). */
export const BOARD_WORKFLOW_API = {
  sendBack: {
    id: 'sendBack',
    method: 'POST',
    path: '/api/channels/:id/submission/send-back',
    summary: 'An approver sends the submission back with a remark: withdrawn from signing, the editor sees the remark',
    access: approver,
    body: SendBack,
    status: 200,
    response: SentBack,
  },
  withdrawSubmission: {
    id: 'withdrawSubmission',
    method: 'DELETE',
    path: '/api/channels/:id/submission',
    summary: 'Its author (or an admin) withdraws the submission from signing',
    access: editor,
    status: 200,
    response: SentBack,
  },
  channelVersions: {
    id: 'channelVersions',
    method: 'GET',
    path: '/api/channels/:id/versions',
    summary: 'Every published version with who signed it, when, with which key',
    access: viewer,
    status: 200,
    response: VersionHistory,
  },
  channelDiff: {
    id: 'channelDiff',
    method: 'GET',
    path: '/api/channels/:id/diff',
    summary: 'What changed between two versions (or a version and the submission): per item, per language, media and schedule',
    access: viewer,
    query: DiffQuery,
    status: 200,
    response: VersionDiff,
  },
  rollbackChannel: {
    id: 'rollbackChannel',
    method: 'POST',
    path: '/api/channels/:id/rollback',
    summary: "Prepare a new version with version N's content (new version number and expiry) and submit it to the board",
    access: editor,
    body: Rollback,
    status: 200,
    response: Submission,
  },
  listNotices: { id: 'listNotices', method: 'GET', path: '/api/notices', summary: 'My notices (newest first) and how many are unread', access: viewer, status: 200, response: NoticeList },
  readNotices: { id: 'readNotices', method: 'POST', path: '/api/notices/read', summary: 'Mark all my notices read', access: viewer, status: 200, response: NoticeList },
  setNoticeEmail: { id: 'setNoticeEmail', method: 'PUT', path: '/api/notices/email', summary: 'Where my notices are also e-mailed (null: nowhere)', access: viewer, body: NoticeEmail, status: 200, response: NoticeList },
} as const;
