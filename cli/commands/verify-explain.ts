import { z } from 'zod';
import { parseJsonBytes } from '../../playlists/parse.ts';
import { Envelope } from '../../playlists/schemas/envelope.ts';
import type { RootMetadata } from '../../playlists/schemas/root.ts';
import { explainSignatures, type SignatureExplained } from '../../playlists/trust-roles.ts';
import { DEFAULT_MAX_BYTES } from '../../playlists/trust.ts';

/**
 * `pano verify --explain`: each signature of an envelope, the role(s) of its
 * key and whether it counts toward the content threshold, then whether the
 * threshold is met: the record a board files with a published version, so it
 * reads in Vietnamese or English (--lang). Printed before the verdict, so a
 * refused envelope is explained too.
 */

export const ExplainLang = z.enum(['en', 'vi']);
export type ExplainLang = z.infer<typeof ExplainLang>;

const ROLE_NAMES: Record<ExplainLang, Record<string, string>> = {
  en: { board: 'board', hub: 'hub', publisher: 'publisher', emergency: 'emergency', root: 'root', unknown: 'unknown' },
  vi: { board: 'hội đồng duyệt (board)', hub: 'máy chủ (hub)', publisher: 'khoá xuất bản của máy chủ (publisher)', emergency: 'khẩn cấp (emergency)', root: 'gốc (root)', unknown: 'không rõ (unknown)' },
};

const TEXT = {
  en: {
    content: (role: string, threshold: number) => `content role: ${role}, threshold ${threshold}`,
    line: (i: number, key: string, roles: string, why: string) => `signature ${i}: key ${key} (${roles}): ${why}`,
    counts: 'counts',
    notInRole: (role: string) => `does not count: its key is not in the ${role} role`,
    duplicate: 'does not count: this key already signed (a repeat counts once)',
    invalid: 'does not count: invalid, it verifies with no key of this root',
    unknownKey: 'does not count: invalid, the key is not in this root',
    threshold: (n: number, of: number, met: boolean) => `threshold: ${n} of ${of} needed: ${met ? 'met' : 'not met'}`,
    emergency: (n: number, of: number, max: number) =>
      `emergency role: ${n} of ${of} needed: met; valid only as an emergency takeover (interrupt slides from the emergency template, at most ${max} min), which the verdict below checks`,
  },
  vi: {
    content: (role: string, threshold: number) => `vai trò ký nội dung: ${role}, ngưỡng ${threshold}`,
    line: (i: number, key: string, roles: string, why: string) => `chữ ký ${i}: khoá ${key} (${roles}): ${why}`,
    counts: 'được tính',
    notInRole: (role: string) => `không được tính: khoá không thuộc vai trò ${role}`,
    duplicate: 'không được tính: khoá này đã ký rồi (ký lặp chỉ tính một lần)',
    invalid: 'không được tính: không hợp lệ, không khớp khoá nào của gốc này',
    unknownKey: 'không được tính: không hợp lệ, khoá không có trong gốc này',
    threshold: (n: number, of: number, met: boolean) => `ngưỡng: có ${n} trên ${of} chữ ký cần thiết: ${met ? 'đạt' : 'chưa đạt'}`,
    emergency: (n: number, of: number, max: number) =>
      `vai trò khẩn cấp: có ${n} trên ${of} chữ ký cần thiết: đạt; chỉ hợp lệ nếu là thông báo khẩn cấp (trang chiếu ngắt lượt từ mẫu khẩn cấp, tối đa ${max} phút), điều mà kết luận bên dưới kiểm tra`,
  },
} as const;

function why(s: SignatureExplained, role: string, lang: ExplainLang): string {
  const t = TEXT[lang];
  switch (s.verdict) {
    case 'counts':
      return t.counts;
    case 'notInRole':
      return t.notInRole(role);
    case 'duplicate':
      return t.duplicate;
    case 'invalid':
      return s.known ? t.invalid : t.unknownKey;
  }
}

/** The lines, for a parsed root; throws like the verifier on an envelope that does not parse. */
export function explainLines(bytes: Uint8Array, root: RootMetadata, lang: ExplainLang): string[] {
  const envelope = parseJsonBytes(Envelope, bytes, 'envelope', { maxBytes: DEFAULT_MAX_BYTES, maxDepth: 4, maxContainers: 40 });
  const { role, threshold, counting, signatures } = explainSignatures(envelope, root);
  const t = TEXT[lang];
  const names = ROLE_NAMES[lang];
  const roleName = names[role] ?? role;
  return [
    t.content(roleName, threshold),
    ...signatures.map((s, i) => {
      const roles = s.roles.length ? s.roles.map((r) => names[r] ?? r).join(', ') : names.unknown!;
      return t.line(i + 1, `${s.keyid.slice(0, 16)}…`, roles, why(s, roleName, lang));
    }),
    t.threshold(counting, threshold, counting >= threshold),
    ...emergencyLine(root, signatures, counting >= threshold, lang),
  ];
}

/**
 * Short of the content threshold, the screen still accepts a takeover the
 * emergency role signed (playlists/trust-roles.ts): without this line such a
 * record read "not met" above a verdict that says OK.
 */
function emergencyLine(root: RootMetadata, signatures: readonly SignatureExplained[], contentMet: boolean, lang: ExplainLang): string[] {
  const role = root.roles.emergency;
  if (contentMet || !role) return [];
  const n = new Set(signatures.filter((s) => s.valid && role.keyids.includes(s.keyid)).map((s) => s.keyid)).size;
  return n >= role.threshold ? [TEXT[lang].emergency(n, role.threshold, role.maxDurationMinutes)] : [];
}
