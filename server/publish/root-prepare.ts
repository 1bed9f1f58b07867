import { encodeBase64 } from '../../playlists/base64.ts';
import type { BadPath } from '../../playlists/errors.ts';
import type { PreparedRoot, PrepareRoot, RootSummary } from '../../playlists/schemas/root-prepare.ts';
import { RootMetadata } from '../../playlists/schemas/root.ts';
import type { HubContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { currentRootMetadata } from './keys.ts';

/**
 * Changing the board is a root update the hub prepares but cannot sign: the
 * next root (version + 1) keeps every role of the current one but the board,
 * which becomes the admin's choice of registered approver keys. The answer is
 * the exact payload bytes; root key holders sign them offline (`pano root
 * sign`) and the signed root comes back through POST /api/roots, checked
 * there as a screen checks it.
 */

const utf8 = new TextEncoder();

export async function currentRootSummary(hub: HubContext): Promise<RootSummary> {
  const root = await currentRootMetadata(hub.db);
  const roles: RootSummary['roles'] = {};
  for (const [name, role] of Object.entries(root.roles)) if (role) roles[name] = role;
  return { version: root.version, expires: root.expires, roles };
}

/**
 * Refused (422) with one issue per bad field, each with a `rule` the studio
 * words in the operator's language: an approver key not registered with the
 * hub; and the root's own role rules, as the schema every screen uses states
 * them (threshold above the keys, an approver key that is also the hub's).
 */
export async function prepareNextRoot(hub: HubContext, body: PrepareRoot): Promise<PreparedRoot> {
  const current = await currentRootMetadata(hub.db);
  const issues: BadPath[] = [];
  if (Date.parse(body.expires) <= hub.now()) issues.push({ path: 'expires', message: 'expiry must be in the future', code: 'custom', params: { rule: 'expiresPast' } });
  const registered = new Map((await hub.db.all<{ keyid: string; public: string }>('SELECT keyid, public FROM approver_keys')).map((k) => [k.keyid, k.public]));
  body.approvers.forEach((keyid, i) => {
    if (!registered.has(keyid)) issues.push({ path: `approvers.${i}`, message: `key ${keyid} is not registered with the hub`, code: 'custom', params: { rule: 'keyNotRegistered', id: keyid.slice(0, 16) } });
  });
  if (issues.length) throw new HttpError(422, 'SCHEMA_INVALID', issues.map((x) => x.message).join('; '), issues);

  const { board: _old, ...kept } = current.roles;
  const next = {
    ...current,
    version: current.version + 1,
    expires: body.expires,
    keys: { ...current.keys },
    roles: { ...kept, ...(body.approvers.length ? { board: { keyids: body.approvers, threshold: body.threshold } } : {}) },
  };
  for (const keyid of body.approvers) next.keys[keyid] = { keytype: 'ed25519', public: registered.get(keyid)! };
  // Keys only the old board used stay listed: harmless, and they keep the keyid → key table a superset across versions.
  const checked = RootMetadata.safeParse(next);
  if (!checked.success) {
    const ruleIssues = checked.error.issues.map((issue): BadPath => roleIssue(issue.path.map(String), issue.message, body.approvers));
    throw new HttpError(422, 'SCHEMA_INVALID', ruleIssues.map((x) => x.message).join('; '), ruleIssues);
  }
  const payload = utf8.encode(`${JSON.stringify(checked.data, null, 2)}\n`);
  return { version: next.version, payload: encodeBase64(payload), fileName: `root-${next.version}.unsigned.json` };
}

/** The root schema's issue on the board, as a field of the admin's form and a rule the studio words. */
function roleIssue(path: string[], message: string, approvers: readonly string[]): BadPath {
  const [, role, field, index] = path;
  if (role === 'board' && field === 'threshold') return { path: 'threshold', message, code: 'custom', params: { rule: 'thresholdAboveKeys', n: approvers.length } };
  if (role === 'board' && field === 'keyids' && index !== undefined) {
    const keyid = approvers[Number(index)] ?? '';
    return { path: `approvers.${index}`, message, code: 'custom', params: { rule: 'keyInTwoRoles', id: keyid.slice(0, 16) } };
  }
  if (role === 'board' && field === 'keyids') return { path: 'approvers', message, code: 'custom', params: { rule: 'keyTwice' } };
  return { path: path.join('.'), message, code: 'custom' };
}
