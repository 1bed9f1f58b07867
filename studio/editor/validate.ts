import type { z } from 'zod';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import type { MediaItem } from '../../playlists/schemas/operator-api.ts';
import type { Issue } from '../api/client.ts';
import type { JsonObject } from './draft-ops.ts';

/**
 * The draft as the hub will compose it (assets named by sha256 only are
 * filled from the media library, the hub's own fields added), so the studio
 * checks it with the very schema screens use, as the operator types.
 */
export function composeLocally(draft: JsonObject, media: readonly MediaItem[], now = new Date()): Record<string, unknown> {
  const bySha = new Map(media.map((m) => [m.sha256, m]));
  const assets: Record<string, unknown> = {};
  for (const [id, raw] of Object.entries((draft.assets as Record<string, Record<string, unknown>> | undefined) ?? {})) {
    const m = typeof raw?.sha256 === 'string' ? bySha.get(raw.sha256) : undefined;
    const complete = raw && 'type' in raw && 'size' in raw && 'urls' in raw;
    assets[id] = m && !complete ? { type: m.type, sha256: m.sha256, size: m.size, urls: [m.url], ...raw } : raw;
  }
  return {
    ...draft,
    assets,
    schemaVersion: 1,
    channel: 'preview',
    version: 1,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
  };
}

/** A zod issue in the hub's shape: path, code and the values a sentence needs. */
export function issueOf(issue: z.core.$ZodIssue): Issue {
  const { code, path, message, ...rest } = issue as z.core.$ZodIssue & Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (k !== 'input' && k !== 'inst' && typeof v !== 'function') params[k] = v;
  if (code === 'invalid_type' && /received undefined/.test(message)) params.received = 'undefined';
  return { path: path.map(String).join('.'), code, params, message };
}

/** Every problem of the draft, with draft paths (the hub's own fields never fail here). */
export function checkDraft(draft: JsonObject, media: readonly MediaItem[]): Issue[] {
  const result = Playlist.safeParse(composeLocally(draft, media));
  return result.success ? [] : result.error.issues.map(issueOf);
}
