import { z } from 'zod';
import { Id, Instant, Lang } from './common.ts';
import { Asset, AssetDraft } from './assets.ts';
import { Layout } from './layouts.ts';
import { Item, LanguageMode, Sequence, Transition } from './items.ts';
import { Schedule } from './schedule.ts';
import { Kiosk } from './kiosk.ts';
import { checkReferences } from './references.ts';

const Tag = z.string().regex(/^[a-z0-9][a-z0-9:._-]{0,63}$/, 'expected a lowercase tag such as airport or city:hcm');

/** Who may adopt this playlist: everyone, or listed device ids, or devices with any listed tag. */
export const Audience = z
  .strictObject({
    all: z.boolean().default(false),
    devices: z.array(Id).max(10_000).default([]),
    tags: z.array(Tag).max(100).default([]),
  })
  .refine((a) => a.all || a.devices.length > 0 || a.tags.length > 0, { message: 'name devices or tags, or set all: true', params: { rule: 'audienceEmpty' } });
export type Audience = z.infer<typeof Audience>;

export const Defaults = z.strictObject({
  /** The screen's default content language; visitors' choices fall back to it, then vi, then en. */
  language: Lang.default('vi'),
  languages: LanguageMode.optional(),
  transition: Transition.default({ type: 'fade', ms: 500 }),
  /** Subtitle languages shown by default, in order of preference. */
  subtitles: z.array(Lang).max(4).default([]),
});

const shape = <A extends z.ZodType>(asset: A) => ({
  schemaVersion: z.literal(1),
  channel: Id,
  /** Monotonic per channel: players reject lower versions, and equal versions with other bytes. */
  version: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  issuedAt: Instant,
  expiresAt: Instant,
  title: z.string().max(200).optional(),
  audience: Audience,
  defaults: Defaults.default({ language: 'vi', transition: { type: 'fade', ms: 500 }, subtitles: [] }),
  assets: z.record(Id, asset),
  layouts: z.record(Id, Layout),
  items: z.record(Id, Item),
  sequences: z.record(Id, Sequence),
  schedule: Schedule,
  kiosk: Kiosk.optional(),
});

/** Top-level field names, in documentation order. */
export const PLAYLIST_FIELDS = Object.keys(shape(Asset));

const expiresAfterIssue = (p: { issuedAt: string; expiresAt: string }) => Date.parse(p.expiresAt) > Date.parse(p.issuedAt);
const expiryMessage = { message: 'expiresAt must be after issuedAt', path: ['expiresAt'], params: { rule: 'expiryOrder' } };

/** A playlist as signed and verified: every asset pinned by sha256 and size, every reference resolved. */
export const Playlist = z.strictObject(shape(Asset)).refine(expiresAfterIssue, expiryMessage).superRefine(checkReferences);
export type Playlist = z.infer<typeof Playlist>;

/** A playlist before `pano sign --media` has filled in asset hashes and sizes. */
export const PlaylistDraft = z.strictObject(shape(AssetDraft)).refine(expiresAfterIssue, expiryMessage).superRefine(checkReferences);
export type PlaylistDraft = z.infer<typeof PlaylistDraft>;
