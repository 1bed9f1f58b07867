import { describe, expect, it } from 'vitest';
import { isPanoError, type PanoError } from './errors.ts';
import { namedRules } from './issues.ts';
import { parseUnknown } from './parse.ts';
import { NewUser, normaliseUsername, PairConfirm } from './schemas/operator-api.ts';
import { PlaylistDraft } from './schemas/playlist.ts';

const issuesOf = (schema: Parameters<typeof parseUnknown>[0], value: unknown) => {
  try {
    parseUnknown(schema, value, 'x');
  } catch (error) {
    if (isPanoError(error)) return (error as PanoError).issues;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('validation issues carry codes and params, not only English', () => {
  it('names every shared pattern', () => {
    expect(namedRules().sort()).toEqual(['base64', 'color', 'fileName', 'id', 'lang', 'localTime', 'pairingCode', 'publicKey', 'sha256', 'tag', 'username'].sort());
  });

  it('gives zod codes with their parameters, and a rule for patterns', () => {
    const issues = issuesOf(NewUser, { username: 'x', role: 'boss', password: 'short' });
    expect(issues).toEqual([
      expect.objectContaining({ path: 'username', code: 'invalid_format', params: expect.objectContaining({ rule: 'username' }) }),
      expect.objectContaining({ path: 'role', code: 'invalid_value', params: { values: ['viewer', 'editor', 'approver', 'admin'] } }),
      expect.objectContaining({ path: 'password', code: 'too_small', params: { origin: 'string', minimum: 10, inclusive: true } }),
    ]);
    expect(issuesOf(PairConfirm, { code: '12', name: 'a', timeZone: 'Mars/Base' }).map((i) => i.params?.rule).sort()).toEqual(['pairingCode', 'timeZone']);
  });

  it('gives Pano rules with the ids for broken references', () => {
    const draft = {
      schemaVersion: 1,
      audience: { all: true },
      layouts: { full: { orientation: 'landscape', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } } },
      items: { a: { kind: 'image', asset: 'nope', duration: 5 } },
      sequences: { main: { items: ['a', 'ghost'] } },
      schedule: { entries: [{ id: 'e', layout: 'full', content: { main: 'main' } }] },
    };
    const issues = issuesOf(PlaylistDraft, { ...draft, channel: 'c', version: 1, issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z', assets: {} });
    expect(issues).toContainEqual(expect.objectContaining({ path: 'items.a.asset', code: 'custom', params: { rule: 'unknownAsset', id: 'nope' } }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'sequences.main.items.1', params: { rule: 'unknownItem', id: 'ghost' } }));
  });

  it('normalises user names once: trim, NFC, lower case', () => {
    expect(normaliseUsername('  Nguye\u0302\u0303n.AN ')).toBe('nguyễn.an');
    expect(parseUnknown(NewUser, { username: ' VERA ', role: 'viewer' }, 'user').username).toBe('vera');
  });
});
