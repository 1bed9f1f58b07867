import { z } from 'zod';
import { BOARD_API } from './board.ts';
import { BOARD_WORKFLOW_API, SentBack } from './board-workflow.ts';
import { EMERGENCY_API } from './emergency-api.ts';
import { ROOT_PREPARE_API } from './root-prepare.ts';
import { nameRule } from '../issues.ts';
import { Id, Instant, LocalDate, LocalizedText, Tag } from './common.ts';
import { CommandName, CommandResult, HeartbeatAck, LogPull, PairRequest, PairStart, PairStatus } from './device-api.ts';
import { DeviceLogPull, DisplayShot, FLEET_OPS_API } from './fleet-ops.ts';
import { Envelope } from './envelope.ts';
import { FinanceQuery, FinanceReport } from './finance.ts';
import { ReportSchedule, ReportScheduleView, ReportSentNow } from './report-schedule.ts';
import { Playlist } from './playlist.ts';
import { EventBatch, ErrorCode, Heartbeat, PowerBackend, PlayAck, PlayBatch, PlayEventsDisplay, PlaylistState, PlayOutcome } from './reports.ts';
import { ZoneRole } from './layouts.ts';
import { OperatingHoursList } from './schedule.ts';
import { DisplaySetting, DeviceSettings, PairConfirm } from './device-settings.ts';
import { AlertList, AlertSettings, AlertSettingsView } from './alerts.ts';
import type { Role} from './operator-accounts.ts';
import { MediaItem, MediaList, MediaPatch, MediaQuery, UploadQuery, Uploaded } from './operator-media.ts';
import { ChangePassword, Login, Me, NewToken, NewUser, PasswordReset, SetLanguage, Settings, TokenCreated, TokenList, UserAnswer, UserCreated, UserList, UserPatch, Username } from './operator-accounts.ts';
import { admin, approver, editor, viewer } from './route-access.ts';

/**
 * The hub's one JSON operator API: every request and response body, and the
 * route table (method, path, who may call it, schemas). The hub registers its
 * routes from this table (server/http/api.ts), the studio (studio/) calls them,
 * and /api/openapi.json is generated from it. Times are ISO instants (UTC,
 * `Z`); the studio shows them in the hub's zone (GET /api/settings).
 *
 * Errors: `{ error: { code, message, params?, issues? } }`. `code` is stable
 * (ApiErrorCode) and `params` carries the values a sentence needs, so the
 * studio words it in the operator's language; `message` is English for the
 * CLI and logs. Bad input is 422 with `issues`: one per bad field, each with
 * a dotted `path`, a machine `code` (zod's issue codes, or Pano's `rule`s in
 * `params.rule`) and `params` (minimum, maximum, expected, …).
 */
// ---------------------------------------------------------------- shared

export * from './operator-accounts.ts';
export * from './operator-media.ts';
export * from './emergency-api.ts';

export const API_ERROR_CODES = [
  'UNAUTHORIZED', // no session or token, or it ended (user disabled, password reset, token revoked or expired)
  'LOGIN_FAILED', // wrong user name or password (same answer for both)
  'RATE_LIMITED', // params.retryAfterSec
  'FORBIDDEN', // params.needs (role), params.role (yours)
  'CSRF_FAILED', // missing or wrong X-CSRF-Token on a session
  'CROSS_ORIGIN', // Origin is not the hub's
  'PASSWORD_CHANGE_REQUIRED', // a one-time password: change it first (PUT /api/me/password)
  'PASSWORD_WRONG', // the current password given to PUT /api/me/password is not the user's
  'NOT_FOUND', // params.what
  'METHOD_NOT_ALLOWED',
  'MALFORMED', // not JSON / not UTF-8 / unreadable upload
  'UNSUPPORTED_MEDIA_TYPE', // params.expected
  'TOO_LARGE', // params.limit (bytes)
  'SCHEMA_INVALID', // 422, issues
  'REFERENCE_INVALID', // 422, issues
  'CONFLICT', // params.what
  'CHANNEL_EXISTS', // params.channel
  'USERNAME_TAKEN', // params.username
  'LAST_ADMIN', // the change would leave no enabled admin
  'MEDIA_IN_USE', // params.channels: [{ id, title, draft, published }]
  'PAIRING_CODE_UNKNOWN', // params.code
  'SIGNATURE_INVALID',
  'THRESHOLD_NOT_MET',
  'EXPIRED',
  'ROLLBACK',
  'VERSION_CONFLICT',
  'ROOT_ROTATION_INVALID',
  'UNKNOWN_PAYLOAD_TYPE',
  // the editorial board (issue 16)
  'ROLE_NOT_ALLOWED', // the hub's key may not sign content where the root names a board
  'OWN_SUBMISSION', // params.username: wrote or submitted the version they tried to sign
  'EMERGENCY_ROLE_SCOPE', 'EMERGENCY_TOO_LONG', // signed by the emergency role alone: not a takeover from the emergency templates / valid longer than the root's maximum
  'INTERNAL',
] as const;
export const ApiErrorCode = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

/**
 * One bad field. `code` is zod's issue code (invalid_type, too_small, too_big,
 * invalid_format, invalid_value, unrecognized_keys, custom, …) or `json` for
 * text that does not parse; `params` holds what the sentence needs (minimum,
 * maximum, origin, expected, format, values, keys) and, for Pano's own checks,
 * `rule` (e.g. unknownAsset, unknownItem, unknownMedia, timeZone) and the ids involved.
 */
export const ValidationIssue = z.object({
  path: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.unknown()),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof ValidationIssue>;

export const ApiError = z.object({
  error: z.object({
    code: ApiErrorCode,
    message: z.string(),
    params: z.record(z.string(), z.unknown()).optional(),
    issues: z.array(ValidationIssue).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

export const Ok = z.object({ ok: z.boolean() });

// ---------------------------------------------------------------- channels

export const ChannelState = z.enum(['draft', 'submitted', 'published']);
export const ChannelSummary = z.object({
  id: Id,
  title: z.string(),
  /** The published version (0 = never published). */
  version: z.int(),
  /** draft: changed since the last publish; submitted: waiting for an approver; published: the draft is what screens have. */
  state: ChannelState,
  /** The hub's own takeover channel (POST /api/emergency), not edited by hand. */
  system: z.boolean(),
  draftBy: z.string(),
  draftAt: Instant,
  submittedBy: z.string().nullable(),
  submittedAt: Instant.nullable(),
  publishedBy: z.string().nullable(),
  publishedAt: Instant.nullable(),
});
export type ChannelSummary = z.infer<typeof ChannelSummary>;
export const ChannelList = z.object({ channels: z.array(ChannelSummary) });

export const NewChannel = z.strictObject({ id: Id, title: z.string().trim().min(1).max(200) });
export const PublishedVersion = z.object({ version: z.int(), publishedBy: z.string(), publishedAt: Instant, keyids: z.array(z.string()) });
export const ChannelDetail = ChannelSummary.extend({
  /** The editor's draft: a playlist without schemaVersion, channel, version, issuedAt, expiresAt; assets may name only `sha256`. */
  draft: z.record(z.string(), z.unknown()),
  /** What screens have now (the signed payload, parsed), or null. */
  published: z.object({ version: z.int(), playlist: z.record(z.string(), z.unknown()) }).nullable(),
  /** Every published version, newest first (from playlist_versions). */
  history: z.array(PublishedVersion),
  /** The last submission, when an approver sent it back (with the remark) or its author withdrew it and nothing was submitted since. */
  sentBack: SentBack.nullable().optional(),
});
export type ChannelDetail = z.infer<typeof ChannelDetail>;

export const SaveDraft = z.strictObject({ draft: z.unknown(), submit: z.boolean().default(false) });
export const PreviewDraft = z.strictObject({ draft: z.unknown() });
export const Published = z.object({ channel: Id, version: z.int() });
export const EnvelopePublished = z.object({ channel: Id, version: z.int(), unchanged: z.boolean() });

/**
 * The playlist a screen would get, composed and checked but not signed, with
 * asset URLs the operator's browser can load with its session (/media/<sha256>).
 */
export const PlaylistPreview = z.object({ playlist: Playlist, composedAt: Instant });

// ---------------------------------------------------------------- devices

export { Tag };
export { DisplaySetting, DeviceSettings, PairConfirm } from './device-settings.ts';
export const Paired = z.object({ deviceId: Id });

export const NowPlaying = z.object({
  display: Id,
  zone: ZoneRole,
  itemId: Id,
  /** The item's title, else one made from what it holds (playlists/titles.ts), from the playlist the screen runs; null when nothing names it. */
  title: LocalizedText.nullable(),
  kind: z.string(),
  since: Instant,
});
/** A screen's playback over the last day: plays it skipped or failed, and the last reason it gave. */
export const PlaybackHealth = z.object({
  since: Instant,
  plays: z.int(),
  skipped: z.int(),
  errors: z.int(),
  lastProblem: z.object({ at: Instant, display: z.string(), itemId: z.string(), outcome: PlayOutcome, reason: z.string().nullable() }).nullable(),
  /** Show a warning on the fleet and the screen: 3 or more, or a tenth or more of its plays, skipped or failed. */
  warning: z.boolean(),
});
export type PlaybackHealth = z.infer<typeof PlaybackHealth>;

/**
 * A display whose page stopped handing its play records to the core (or
 * stopped playing while it should) is `stalled`: the core reloads the page and
 * the page keeps the records until they are taken (docs/renderer.md, "Play
 * events that cannot be lost"). The screen is flagged while any display is.
 */
export const PlayEventsPath = z.object({ stalled: z.boolean(), displays: z.array(PlayEventsDisplay) });

export const DeviceSummary = z.object({
  id: Id,
  name: z.string(),
  group: z.string().nullable(),
  tags: z.array(z.string()),
  timeZone: z.string(),
  displays: z.array(DisplaySetting),
  channel: Id.nullable(),
  volume: z.int(),
  language: z.string().nullable(),
  /** The display-power setting (DeviceSettings.power); what the panel is doing is heartbeat.displayPower. */
  power: PowerBackend.nullable(),
  /** The screen's own opening hours (DeviceSettings.operatingHours). */
  operatingHours: OperatingHoursList.nullable(),
  revoked: z.boolean(),
  online: z.boolean(),
  /** When the hub last heard a heartbeat (hub clock). */
  lastHeartbeatAt: Instant.nullable(),
  playlist: z.object({ state: PlaylistState, channel: Id.nullable(), version: z.int().nullable(), title: z.string().nullable() }).nullable(),
  /** Per display in the screen's display order, then zone. */
  nowPlaying: z.array(NowPlaying),
  /** The newest error or refusal the screen reported; null once a later heartbeat shows it recovered. */
  lastError: z.object({ code: ErrorCode, message: z.string(), at: Instant }).nullable(),
  /** Proof-of-play chain: ok, or gap / refused / broken with the number of flags. */
  chain: z.object({ status: z.string(), problems: z.int(), seq: z.int() }),
  screenshot: z.object({ url: z.string(), at: Instant }).nullable(),
  pushConnected: z.boolean(),
  /** The last heartbeat as sent (outbox, cache, clock, displays…), or null. */
  heartbeat: Heartbeat.nullable(),
  /** Plays skipped or failed in the last 24 h, with the warning flag. */
  playback: PlaybackHealth,
  /** The path of play records from each display's page to the core, from the last heartbeat; `stalled` flags the screen. */
  playEvents: PlayEventsPath,
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;
export const DeviceList = z.object({ devices: z.array(DeviceSummary) });
export const ChainFlag = z.object({ at: Instant, kind: z.string(), seq: z.int(), recordId: z.string(), detail: z.string() });
export const CommandInfo = z.object({
  id: z.string(),
  name: CommandName,
  issuedAt: Instant,
  issuedBy: z.string(),
  status: z.enum(['queued', 'sent', 'done']),
  ok: z.boolean().nullable(),
  message: z.string().nullable(),
  doneAt: Instant.nullable(),
  screenshotUrl: z.string().nullable(),
  screenshots: z.array(DisplayShot), // one per display, labelled
});
/** `log`: the latest log pull, null before the first. */
export const DeviceDetail = z.object({ device: DeviceSummary, chainFlags: z.array(ChainFlag), commands: z.array(CommandInfo), log: DeviceLogPull.nullable() });
export const DeviceAnswer = z.object({ device: DeviceSummary });
export const IssueCommand = z.strictObject({ name: CommandName, log: LogPull.optional() });
export const CommandIssued = z.object({ id: z.string() });

// ---------------------------------------------------------------- emergency, reports, audit, roots


/** Report filters, as they arrive in a query string (days are the screens' local days). */
export const PlayFilter = z.strictObject({
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  channel: Id.optional(),
  device: Id.optional(),
  display: Id.optional(),
  item: Id.optional(),
  outcome: PlayOutcome.optional(),
  group: z.enum(['item', 'channel', 'device', 'display', 'day']).default('day'),
});
export type PlayFilter = z.infer<typeof PlayFilter>;
export const InteractionFilter = PlayFilter.pick({ from: true, to: true, device: true });
export const PlayReport = z.object({
  group: PlayFilter.shape.group.unwrap(),
  /** Per group, plays by outcome: "38 plays, 13 completed" says nothing until the other 25 are counted by what happened to them. */
  rows: z.array(z.object({ key: z.string(), plays: z.number(), completed: z.number(), interrupted: z.number(), skipped: z.number(), errors: z.number(), seconds: z.number() })),
  /** Why plays did not complete, most frequent first. */
  reasons: z.array(z.object({ outcome: PlayOutcome, reason: z.string().nullable(), plays: z.number() })),
});
export const InteractionReport = z.object({
  byAction: z.array(z.object({ action: z.string(), n: z.number() })),
  bySection: z.array(z.object({ section: z.string(), n: z.number() })),
  byLanguage: z.array(z.object({ language: z.string(), n: z.number() })),
});
export const AuditQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) });
export const AuditLog = z.object({ entries: z.array(z.object({ at: Instant, username: z.string(), action: z.string(), detail: z.string() })) });
export const RootAdded = z.object({ version: z.int() });

// Pattern failures of these fields say which rule (params.rule), like the shared ones (playlists/issues.ts).
nameRule(Username, 'username');
nameRule(Tag, 'tag');
nameRule(PairConfirm.shape.code, 'pairingCode');
nameRule(UploadQuery.shape.name, 'fileName');

// ---------------------------------------------------------------- the route table

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/**
 * public: anyone; device: that screen's device token; reader: a device token
 * or an operator; operator: a session (cookie + X-CSRF-Token on unsafe
 * methods, same Origin) or an API token (Bearer pano_op_…) of `role` or above.
 */
export type Access = { auth: 'public' } | { auth: 'device' } | { auth: 'reader' } | { auth: 'operator'; role: Role };

export interface Raw {
  raw: string;
  schema?: z.ZodType;
}

export interface RouteSpec {
  /** operationId in the OpenAPI document. */
  id: string;
  method: Method;
  /** `:name` is one path segment. */
  path: string;
  summary: string;
  access: Access;
  query?: z.ZodType;
  /**
   * A JSON body, or a raw one the handler reads itself: uploads, and signed
   * envelopes, whose exact bytes are verified and stored (`schema` documents them).
   */
  body?: z.ZodType | Raw;
  status: number;
  /** A JSON answer, or another the handler writes itself (files, CSV, SSE, stored envelopes). */
  response: z.ZodType | Raw;
}

const r = <const R extends RouteSpec>(spec: R): R => spec;

export const API = {
  // accounts
  login: r({ id: 'login', method: 'POST', path: '/api/login', summary: 'Sign in: sets the session cookie', access: { auth: 'public' }, body: Login, status: 200, response: Me }),
  logout: r({ id: 'logout', method: 'POST', path: '/api/logout', summary: 'End this session', access: viewer, status: 200, response: Ok }),
  me: r({ id: 'me', method: 'GET', path: '/api/me', summary: 'Who is signed in', access: viewer, status: 200, response: Me }),
  setLanguage: r({ id: 'setLanguage', method: 'PUT', path: '/api/me/language', summary: 'Remember my language', access: viewer, body: SetLanguage, status: 200, response: Me }),
  changePassword: r({ id: 'changePassword', method: 'PUT', path: '/api/me/password', summary: 'Change my password (ends my other sessions)', access: viewer, body: ChangePassword, status: 200, response: Ok }),
  settings: r({ id: 'settings', method: 'GET', path: '/api/settings', summary: "The hub's time zone and languages", access: { auth: 'public' }, status: 200, response: Settings }),
  listUsers: r({ id: 'listUsers', method: 'GET', path: '/api/users', summary: 'Every user', access: admin, status: 200, response: UserList }),
  createUser: r({ id: 'createUser', method: 'POST', path: '/api/users', summary: 'Create a user (a generated one-time password is answered once when none is given)', access: admin, body: NewUser, status: 201, response: UserCreated }),
  updateUser: r({ id: 'updateUser', method: 'PATCH', path: '/api/users/:id', summary: "Change a user's role, or disable them (their sessions and tokens end at once)", access: admin, body: UserPatch, status: 200, response: UserAnswer }),
  resetPassword: r({ id: 'resetPassword', method: 'POST', path: '/api/users/:id/password', summary: 'Reset a password: a one-time password, answered once; their sessions end', access: admin, status: 200, response: PasswordReset }),
  listTokens: r({ id: 'listTokens', method: 'GET', path: '/api/tokens', summary: 'My API tokens (an admin sees everyone’s)', access: viewer, status: 200, response: TokenList }),
  createToken: r({ id: 'createToken', method: 'POST', path: '/api/tokens', summary: 'Create an API token for scripts and pano publish (shown once)', access: viewer, body: NewToken, status: 201, response: TokenCreated }),
  revokeToken: r({ id: 'revokeToken', method: 'DELETE', path: '/api/tokens/:id', summary: 'Revoke an API token (mine; an admin any)', access: viewer, status: 200, response: Ok }),

  // channels
  listChannels: r({ id: 'listChannels', method: 'GET', path: '/api/channels', summary: 'Every channel with its state', access: viewer, status: 200, response: ChannelList }),
  createChannel: r({ id: 'createChannel', method: 'POST', path: '/api/channels', summary: 'Create a channel from a starter draft that publishes', access: editor, body: NewChannel, status: 201, response: ChannelDetail }),
  getChannel: r({ id: 'getChannel', method: 'GET', path: '/api/channels/:id', summary: 'A channel: draft, published playlist, history', access: viewer, status: 200, response: ChannelDetail }),
  saveDraft: r({ id: 'saveDraft', method: 'PUT', path: '/api/channels/:id/draft', summary: 'Save (and optionally submit) a draft; 422 lists every bad field', access: editor, body: SaveDraft, status: 200, response: ChannelSummary }),
  submitChannel: r({ id: 'submitChannel', method: 'POST', path: '/api/channels/:id/submit', summary: 'Submit the saved draft for approval', access: editor, status: 200, response: ChannelSummary }),
  publishChannel: r({ id: 'publishChannel', method: 'POST', path: '/api/channels/:id/publish', summary: "Publish the draft: compose, sign with the hub's key, push", access: approver, status: 200, response: Published }),
  previewSaved: r({ id: 'previewSaved', method: 'GET', path: '/api/channels/:id/playlist-preview', summary: 'The saved draft as a screen would get it (unsigned)', access: viewer, status: 200, response: PlaylistPreview }),
  previewDraft: r({ id: 'previewDraft', method: 'POST', path: '/api/channels/:id/playlist-preview', summary: 'An unsaved draft as a screen would get it (unsigned); 422 lists every bad field', access: viewer, body: PreviewDraft, status: 200, response: PlaylistPreview }),
  // the editorial board (issue 16)
  ...BOARD_API,
  ...BOARD_WORKFLOW_API,
  publishEnvelope: r({ id: 'publishEnvelope', method: 'POST', path: '/api/publish', summary: 'pano publish: a playlist envelope signed offline', access: approver, body: { raw: 'application/json', schema: Envelope }, status: 200, response: EnvelopePublished }),

  // media
  listMedia: r({ id: 'listMedia', method: 'GET', path: '/api/media', summary: 'The media library (newest first), searchable', access: viewer, query: MediaQuery, status: 200, response: MediaList }),
  upload: r({ id: 'upload', method: 'POST', path: '/api/media', summary: 'Upload one file (raw body, streamed; identical bytes are kept once)', access: editor, query: UploadQuery, body: { raw: 'application/octet-stream' }, status: 201, response: Uploaded }),
  getMedia: r({ id: 'getMedia', method: 'GET', path: '/api/media/:sha', summary: 'One media file', access: viewer, status: 200, response: MediaItem }),
  updateMedia: r({ id: 'updateMedia', method: 'PATCH', path: '/api/media/:sha', summary: 'Title, tags, last day of use', access: editor, body: MediaPatch, status: 200, response: MediaItem }),
  deleteMedia: r({ id: 'deleteMedia', method: 'DELETE', path: '/api/media/:sha', summary: 'Delete a file; 409 MEDIA_IN_USE names the channels using it', access: editor, status: 200, response: Ok }),
  thumbnail: r({ id: 'thumbnail', method: 'GET', path: '/api/media/:sha/thumbnail', summary: 'JPEG thumbnail (images) or poster frame (videos), 320 px wide at most', access: viewer, status: 200, response: { raw: 'image/jpeg' } }),
  mediaFile: r({ id: 'mediaFile', method: 'GET', path: '/media/:sha', summary: 'A media file by sha256 (Range); screens and operators', access: { auth: 'reader' }, status: 200, response: { raw: 'application/octet-stream' } }),

  // devices
  listDevices: r({ id: 'listDevices', method: 'GET', path: '/api/devices', summary: 'The fleet: online state, now playing by title, last error', access: viewer, status: 200, response: DeviceList }),
  getDevice: r({ id: 'getDevice', method: 'GET', path: '/api/devices/:id', summary: 'A screen with its chain flags and commands', access: viewer, status: 200, response: DeviceDetail }),
  updateDevice: r({ id: 'updateDevice', method: 'PUT', path: '/api/devices/:id', summary: "A screen's name, group, tags, zone, displays, channel", access: approver, body: DeviceSettings, status: 200, response: DeviceAnswer }),
  confirmPairing: r({ id: 'confirmPairing', method: 'POST', path: '/api/pairings/confirm', summary: 'Pair the screen showing this code', access: approver, body: PairConfirm, status: 201, response: Paired }),
  revokeDevice: r({ id: 'revokeDevice', method: 'POST', path: '/api/devices/:id/revoke', summary: "Revoke a screen's token (its next request is refused)", access: admin, status: 200, response: Ok }),
  command: r({ id: 'command', method: 'POST', path: '/api/devices/:id/command', summary: 'Send a command (pushed at once, or with the next heartbeat)', access: approver, body: IssueCommand, status: 201, response: CommandIssued }),
  screenshot: r({ id: 'screenshot', method: 'GET', path: '/api/devices/:id/screenshots/:file', summary: 'A screenshot a screen sent back', access: viewer, status: 200, response: { raw: 'image/png' } }),
  ...FLEET_OPS_API, // log pull, bulk actions (issue 17)

  // emergency (takeovers, duty officers' signatures, the CAP feed), reports, audit, roots, this document
  ...EMERGENCY_API,
  plays: r({ id: 'plays', method: 'GET', path: '/api/reports/plays', summary: 'Proof of play grouped by day, channel, screen, display or item, counted by outcome, with the reasons plays did not complete', access: viewer, query: PlayFilter, status: 200, response: PlayReport }),
  playsCsv: r({ id: 'playsCsv', method: 'GET', path: '/api/reports/plays.csv', summary: 'Proof of play, one row per day × screen × display × channel × item × outcome × reason', access: viewer, query: PlayFilter, status: 200, response: { raw: 'text/csv' } }),
  // finance report (issue 17)
  financeReport: r({ id: 'financeReport', method: 'GET', path: '/api/reports/finance', summary: 'Finance report for a period: plays per screen × clip (started, completed, skipped with reasons, seconds shown), screen availability and the proof-of-play chain', access: viewer, query: FinanceQuery, status: 200, response: FinanceReport }),
  financeXlsx: r({ id: 'financeXlsx', method: 'GET', path: '/api/reports/finance.xlsx', summary: 'The finance report as an XLSX workbook (Vietnamese, or English with lang=en)', access: viewer, query: FinanceQuery, status: 200, response: { raw: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }),
  financePdf: r({ id: 'financePdf', method: 'GET', path: '/api/reports/finance.pdf', summary: 'The finance report as an A4 PDF printed by headless Chromium (Vietnamese, or English with lang=en)', access: viewer, query: FinanceQuery, status: 200, response: { raw: 'application/pdf' } }),
  // the finance report by mail (issue 17)
  reportSchedule: r({ id: 'reportSchedule', method: 'GET', path: '/api/reports/schedule', summary: "The monthly finance report mail: recipients, day, hour, formats, language, and the months sent", access: admin, status: 200, response: ReportScheduleView }),
  saveReportSchedule: r({ id: 'saveReportSchedule', method: 'PUT', path: '/api/reports/schedule', summary: 'Change the monthly finance report mail', access: admin, body: ReportSchedule, status: 200, response: ReportScheduleView }),
  sendReportNow: r({ id: 'sendReportNow', method: 'POST', path: '/api/reports/schedule/send', summary: "Mail the previous month's finance report now, to test the settings (no month is marked sent)", access: admin, status: 200, response: ReportSentNow }),
  interactions: r({ id: 'interactions', method: 'GET', path: '/api/reports/interactions', summary: 'Kiosk interactions per action, section and language', access: viewer, query: InteractionFilter, status: 200, response: InteractionReport }),
  audit: r({ id: 'audit', method: 'GET', path: '/api/audit', summary: 'Who did what, newest first', access: viewer, query: AuditQuery, status: 200, response: AuditLog }),
  addRoot: r({ id: 'addRoot', method: 'POST', path: '/api/roots', summary: 'Store a root rotation signed offline', access: admin, body: { raw: 'application/json', schema: Envelope }, status: 201, response: RootAdded }),
  // preparing the next root, the board's record (issue 16)
  ...ROOT_PREPARE_API,
  // alerts (issue 17)
  listAlerts: r({ id: 'listAlerts', method: 'GET', path: '/api/alerts', summary: 'Open alerts, and the last 200 closed ones', access: viewer, status: 200, response: AlertList }),
  alertSettings: r({ id: 'alertSettings', method: 'GET', path: '/api/alerts/settings', summary: 'Alert rules, quiet hours, recipients, SMTP and webhook (secrets never answered)', access: admin, status: 200, response: AlertSettingsView }),
  saveAlertSettings: r({ id: 'saveAlertSettings', method: 'PUT', path: '/api/alerts/settings', summary: 'Change alert settings (an empty SMTP password or webhook secret keeps the stored one)', access: admin, body: AlertSettings, status: 200, response: AlertSettingsView }),
  openapi: r({ id: 'openapi', method: 'GET', path: '/api/openapi.json', summary: 'This API as OpenAPI 3.1', access: { auth: 'public' }, status: 200, response: { raw: 'application/json' } }),

  // screens (docs/protocol.md)
  pairStart: r({ id: 'pairStart', method: 'POST', path: '/api/pair', summary: 'A screen asks for a pairing code', access: { auth: 'public' }, body: PairRequest, status: 201, response: PairStart }),
  pairStatus: r({ id: 'pairStatus', method: 'GET', path: '/api/pair/:id', summary: 'A screen polls its pairing', access: { auth: 'public' }, status: 200, response: PairStatus }),
  feed: r({ id: 'feed', method: 'GET', path: '/feed/:device.json', summary: "The screen's signed playlist (ETag, 304)", access: { auth: 'device' }, status: 200, response: { raw: 'application/json', schema: Envelope } }),
  root: r({ id: 'root', method: 'GET', path: '/feed/root/:n.json', summary: 'Root metadata version N', access: { auth: 'reader' }, status: 200, response: { raw: 'application/json', schema: Envelope } }),
  push: r({ id: 'push', method: 'GET', path: '/api/devices/:id/push', summary: 'Server-sent events: playlist, command', access: { auth: 'device' }, status: 200, response: { raw: 'text/event-stream' } }),
  freshness: r({ id: 'freshness', method: 'GET', path: '/api/devices/:id/freshness', summary: "The hub's signed, short-lived statement of what the screen should play now", access: { auth: 'device' }, status: 200, response: { raw: 'application/json', schema: Envelope } }),
  revocation: r({ id: 'revocation', method: 'GET', path: '/api/devices/:id/revocation', summary: "The hub's signed notice that the screen's pairing is revoked (404 when it is not); asked after a 401", access: { auth: 'public' }, status: 200, response: { raw: 'application/json', schema: Envelope } }),
  heartbeat: r({ id: 'heartbeat', method: 'POST', path: '/api/devices/:id/heartbeat', summary: 'A screen reports its state', access: { auth: 'device' }, body: Heartbeat, status: 200, response: HeartbeatAck }),
  playBatch: r({ id: 'playBatch', method: 'POST', path: '/api/devices/:id/plays', summary: 'Proof-of-play records with a signed chain head', access: { auth: 'device' }, body: PlayBatch, status: 200, response: PlayAck }),
  events: r({ id: 'events', method: 'POST', path: '/api/devices/:id/events', summary: 'Kiosk interactions', access: { auth: 'device' }, body: EventBatch, status: 200, response: z.object({ accepted: z.array(z.string()) }) }),
  commandResult: r({ id: 'commandResult', method: 'POST', path: '/api/devices/:id/commands/:cid', summary: "A command result (JSON; a PNG screenshot, per display with ?display=; the log's tail as text/plain)", access: { auth: 'device' }, body: CommandResult, status: 200, response: Ok }),
  update: r({ id: 'update', method: 'GET', path: '/updates/:file', summary: 'electron-updater feed (no credentials)', access: { auth: 'public' }, status: 200, response: { raw: 'application/octet-stream' } }),
} as const satisfies Record<string, RouteSpec>;

export type Api = typeof API;
export const ROUTES: readonly RouteSpec[] = Object.values(API);

/** `/api/users/:id` + { id: 'u1' } → `/api/users/u1` (each value URL-encoded). */
export function pathOf(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

/**
 * Paths the hub answers with the studio's index.html (the studio routes them
 * in the browser): everything that is not an API, feed, media, update,
 * preview or asset path. /pair?code=… is the link a screen's QR code opens.
 */
export const isStudioPath = (pathname: string): boolean => !/^\/(api|feed|media|updates|assets|preview)(\/|$)/.test(pathname);
