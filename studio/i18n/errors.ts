import { ApiError, type Issue } from '../api/transport.ts';
import type { I18n, MessageKey } from './index.tsx';

/**
 * Refusals and bad fields in the operator's language. The hub (and the
 * studio's own check of a draft) gives a stable code and the values a
 * sentence needs; the English `message` is for logs and never shown.
 */

const API_CODES: Partial<Record<string, MessageKey>> = {
  UNAUTHORIZED: 'error.UNAUTHORIZED',
  LOGIN_FAILED: 'error.LOGIN_FAILED',
  RATE_LIMITED: 'error.RATE_LIMITED',
  FORBIDDEN: 'error.FORBIDDEN',
  CSRF_FAILED: 'error.CSRF_FAILED',
  CROSS_ORIGIN: 'error.CSRF_FAILED',
  PASSWORD_CHANGE_REQUIRED: 'error.PASSWORD_CHANGE_REQUIRED',
  PASSWORD_WRONG: 'error.PASSWORD_WRONG',
  NOT_FOUND: 'error.NOT_FOUND',
  MALFORMED: 'error.MALFORMED',
  UNSUPPORTED_MEDIA_TYPE: 'error.UNSUPPORTED_MEDIA_TYPE',
  TOO_LARGE: 'error.TOO_LARGE',
  SCHEMA_INVALID: 'error.SCHEMA_INVALID',
  REFERENCE_INVALID: 'error.SCHEMA_INVALID',
  CONFLICT: 'error.CONFLICT',
  CHANNEL_EXISTS: 'error.CHANNEL_EXISTS',
  USERNAME_TAKEN: 'error.USERNAME_TAKEN',
  LAST_ADMIN: 'error.LAST_ADMIN',
  MEDIA_IN_USE: 'error.MEDIA_IN_USE',
  PAIRING_CODE_UNKNOWN: 'error.PAIRING_CODE_UNKNOWN',
  SIGNATURE_INVALID: 'error.SIGNATURE_INVALID',
  THRESHOLD_NOT_MET: 'error.SIGNATURE_INVALID',
  EXPIRED: 'error.EXPIRED',
  ROLLBACK: 'error.VERSION',
  VERSION_CONFLICT: 'error.VERSION',
  NETWORK: 'error.NETWORK',
  // the editorial board (issue 16)
  ROLE_NOT_ALLOWED: 'error.ROLE_NOT_ALLOWED',
  OWN_SUBMISSION: 'error.OWN_SUBMISSION',
  EMERGENCY_ROLE_SCOPE: 'error.EMERGENCY_ROLE_SCOPE',
  EMERGENCY_TOO_LONG: 'error.EMERGENCY_TOO_LONG',
};

const list = (value: unknown): string => (Array.isArray(value) ? value.map((v) => (typeof v === 'object' && v && 'title' in v ? String((v as { title: unknown }).title) : String(v))).join(', ') : String(value ?? ''));

export function apiErrorText(i18n: I18n, error: unknown): string {
  const { t } = i18n;
  if (!(error instanceof ApiError)) return t('error.unexpected');
  const key = API_CODES[error.code];
  if (!key) return t('error.unexpected');
  const p = error.params;
  return t(key, {
    what: String(p.what ?? ''),
    channels: list(p.channels),
    retry: String(p.retryAfterSec ?? ''),
    limit: typeof p.limit === 'number' ? i18n.size(p.limit) : '',
    username: String(p.username ?? ''),
    channel: String(p.channel ?? ''),
    code: String(p.code ?? ''),
    needs: String(p.needs ?? ''),
  });
}

/** Pano's own checks (references between parts of a playlist) by rule, else recognised from the English message. */
const RULES: [string, RegExp, MessageKey][] = [
  ['unknownAsset', /^unknown asset (.+)$/, 'issue.unknownAsset'],
  ['unknownItem', /^unknown item (.+)$/, 'issue.unknownItem'],
  ['unknownLayout', /^unknown layout (.+)$/, 'issue.unknownLayout'],
  ['unknownSequence', /^unknown sequence (.+)$/, 'issue.unknownSequence'],
  ['unknownPage', /^unknown page (.+)$/, 'issue.unknownPage'],
  ['unknownQuiz', /^unknown quiz (.+)$/, 'issue.unknownQuiz'],
  ['assetKind', /^asset (\S+) is .+, expected (.+)$/, 'issue.assetKind'],
  ['noZone', /^no layout of this entry has a (\w+) zone$/, 'issue.noZone'],
  ['tickerOnly', /^a ticker zone plays only ticker items$/, 'issue.tickerOnly'],
  ['duplicateEntry', /^duplicate entry id (.+)$/, 'issue.duplicate'],
  ['themeUnknown', /^theme (.+) is not in schedule.themes$/, 'issue.themeUnknown'],
  ['fromAfterUntil', /^from is after until$/, 'issue.fromAfterUntil'],
  ['expiresBeforeIssue', /^expiresAt must be after issuedAt$/, 'issue.generic'],
  ['emptyWindow', /^an empty window/, 'issue.emptyWindow'],
  ['mainZone', /^needs exactly one main zone$/, 'issue.mainZone'],
  ['answer', /^answer is not one of the choices$/, 'issue.answer'],
  ['liveFallback', /^a fallback must not be another live stream$/, 'issue.liveFallback'],
  ['audience', /^name devices or tags/, 'issue.audience'],
  ['oneLanguage', /^needs at least one language$/, 'issue.required'],
  ['time', /^expected HH:MM/, 'issue.time'],
  ['id', /^expected 1–128/, 'issue.id'],
  ['tag', /^expected a lowercase tag/, 'issue.tag'],
  ['url', /^expected an (absolute )?http/, 'issue.url'],
  ['color', /^expected #rgb/, 'issue.color'],
  ['timeZone', /^unknown IANA time zone$/, 'issue.timeZone'],
  ['pastScreen', /^zone extends past the screen$/, 'issue.pastScreen'],
  // preparing the next root (issue 16): the hub always sends the rule
  ['thresholdAboveKeys', /(?!)/, 'issue.thresholdAboveKeys'],
  ['keyInTwoRoles', /(?!)/, 'issue.keyInTwoRoles'],
  ['keyTwice', /(?!)/, 'issue.keyTwice'],
  ['keyNotRegistered', /(?!)/, 'issue.keyNotRegistered'],
  ['expiresPast', /(?!)/, 'issue.expiresPast'],
];

export function issueText(i18n: I18n, issue: Issue): string {
  const { t } = i18n;
  const p = issue.params ?? {};
  const rule = typeof p.rule === 'string' ? RULES.find(([name]) => name === p.rule) : undefined;
  const byMessage = rule ? undefined : RULES.find(([, re]) => re.test(issue.message ?? ''));
  const found = rule ?? byMessage;
  if (found) {
    const m = found[1].exec(issue.message ?? '');
    return t(found[2], { id: String(p.id ?? m?.[1] ?? ''), role: String(p.role ?? m?.[1] ?? ''), n: String(p.n ?? '') });
  }
  const origin = String(p.origin ?? '');
  switch (issue.code) {
    case 'invalid_type':
      return p.received === 'undefined' || p.input === undefined ? t('issue.required') : t('issue.invalidType');
    case 'too_small':
      if (origin === 'string') return Number(p.minimum) <= 1 ? t('issue.required') : t('issue.tooShort', { n: String(p.minimum) });
      if (origin === 'array' || origin === 'set') return t('issue.fewItems', { n: String(p.minimum) });
      return p.inclusive === false ? t('issue.greaterThan', { n: String(p.minimum) }) : t('issue.atLeast', { n: String(p.minimum) });
    case 'too_big':
      if (origin === 'string') return t('issue.tooLong', { n: String(p.maximum) });
      if (origin === 'array' || origin === 'set') return t('issue.manyItems', { n: String(p.maximum) });
      return t('issue.atMost', { n: String(p.maximum) });
    case 'invalid_format':
      if (p.format === 'date') return t('issue.date');
      if (p.format === 'datetime') return t('issue.dateTime');
      return t('issue.format');
    case 'invalid_value':
      return t('issue.oneOf', { values: list(p.values) });
    case 'unrecognized_keys':
      return t('issue.unknownField', { keys: list(p.keys) });
    case 'not_multiple_of':
      return t('issue.integer');
    case 'invalid_union': {
      // Fits none of the shapes (a live stream's URL: absolute or relative): worded by the first shape's first problem.
      const first = Array.isArray(p.errors) ? (p.errors as unknown[]).flat()[0] : undefined;
      if (!first || typeof first !== 'object') return t('issue.generic');
      const nested = first as { code?: unknown; message?: unknown; params?: Record<string, unknown> };
      return issueText(i18n, { path: issue.path, code: String(nested.code ?? ''), params: { ...nested, ...nested.params }, message: String(nested.message ?? '') });
    }
    case 'json':
      return t('issue.json', { line: String(p.line ?? '?'), column: String(p.column ?? '?') });
    default:
      return t('issue.generic');
  }
}
