import type { z } from 'zod';
import type { BadPath } from './errors.ts';
import { Color, Id, Lang, LocalTime, Sha256Hex } from './schemas/common.ts';
import { Base64 } from './schemas/envelope.ts';
import { PublicKeyB64 } from './schemas/root.ts';

/**
 * Zod issues → BadPath with a machine `code` and `params`, so a client can
 * word the problem in its user's language. A regex failure only carries its
 * pattern, so the patterns of the shared schemas are named here (`rule`).
 */
type Checked = { _zod: { def: { checks?: Checked[]; pattern?: RegExp; out?: Checked; shape?: Record<string, Checked>; innerType?: Checked } } };

function patternsOf(schema: unknown): string[] {
  const def = (schema as Checked)._zod.def;
  const own = (def.checks ?? []).map((c) => c._zod.def.pattern).filter((p): p is RegExp => p instanceof RegExp).map(String);
  return [...own, ...(def.out ? patternsOf(def.out) : []), ...(def.innerType ? patternsOf(def.innerType) : [])];
}

const NAMED: [unknown, string][] = [
  [Id, 'id'],
  [Lang, 'lang'],
  [Color, 'color'],
  [LocalTime, 'localTime'],
  [Sha256Hex, 'sha256'],
  [PublicKeyB64, 'publicKey'],
  [Base64, 'base64'],
];
const RULES = new Map<string, string>();

/**
 * Names the patterns of a schema, so a failure of one says `params.rule`.
 * The operator API names its own when it loads (this module must not import
 * it: every player command parses through here and should not load it).
 */
export function nameRule(schema: unknown, rule: string): void {
  for (const pattern of patternsOf(schema)) RULES.set(pattern, rule);
}

for (const [schema, rule] of NAMED) nameRule(schema, rule);

/** The rule name of each shared pattern (for tests: every entry must resolve). */
export const namedRules = (): string[] => [...new Set(RULES.values())];

const DROP = new Set(['code', 'path', 'message', 'input', 'errors', 'issues', 'inst', 'continue']);

export function toBadPath(issue: z.core.$ZodIssue): BadPath {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(issue)) {
    if (DROP.has(key) || typeof value === 'function') continue;
    if (key === 'params' && value && typeof value === 'object') Object.assign(params, value);
    else params[key] = typeof value === 'bigint' ? Number(value) : value;
  }
  if (issue.code === 'invalid_format' && typeof params.pattern === 'string') {
    const rule = RULES.get(params.pattern);
    if (rule) params.rule = rule;
  }
  return { path: issue.path.map(String).join('.'), message: issue.message, code: issue.code, params };
}
