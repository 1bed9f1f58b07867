import { z } from 'zod';
import { Id, Instant, LocalTime } from './common.ts';

/**
 * Alerts (issue 17): the rules the hub checks against what screens already
 * report (heartbeats, plays, chain flags), who is told, and how. Settings are
 * one JSON document in the hub's `settings` table, parsed with these schemas
 * when written and when read.
 */

export const ALERT_RULES = ['offline', 'stale', 'expired', 'skipping', 'notReady', 'chain', 'clockSkew', 'diskFull'] as const;
export const AlertRule = z.enum(ALERT_RULES);
export type AlertRule = z.infer<typeof AlertRule>;

const Minutes = z.number().min(0.01).max(7 * 24 * 60);
const Email = z.email().max(254);

export const AlertThresholds = z.strictObject({
  /** Offline after this many missed heartbeat intervals (the screen's own interval). */
  offlineIntervals: z.number().min(1).max(1000).default(3),
  /** More than this share of plays skipped in the window (15 minutes). */
  skippedPercent: z.number().min(1).max(100).default(30),
  skippedWindowMinutes: Minutes.default(15),
  /** At least this many plays in the window before the share means anything. */
  skippedMinPlays: z.int().min(1).max(10_000).default(4),
  /** Not ready this many minutes after the screen's channel was published. */
  notReadyMinutes: Minutes.default(30),
  clockSkewSeconds: z.number().min(1).max(86_400).default(120),
  /** Disk nearly full: less free space than this on the screen's cache disk. */
  freeDiskMb: z.number().min(1).max(10_000_000).default(1024),
});
export type AlertThresholds = z.infer<typeof AlertThresholds>;

export const SmtpSettings = z.strictObject({
  host: z.string().min(1).max(255),
  port: z.int().min(1).max(65_535).default(587),
  /** STARTTLS is required (the connection is refused without it); false: plain (a relay on localhost). */
  starttls: z.boolean().default(true),
  /** Accept a self-signed certificate (an internal relay). */
  allowSelfSigned: z.boolean().default(false),
  user: z.string().max(255).default(''),
  /** Write-only: answered as '' with passwordSet; an empty one on save keeps the stored one. */
  password: z.string().max(1024).default(''),
  from: Email,
});

export const WebhookSettings = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  /** HMAC-SHA256 key for X-Pano-Signature; write-only like the SMTP password. */
  secret: z.string().max(1024).default(''),
});

/** Who is told: everyone listed for screens with any of `tags` (no tags: every screen). */
export const AlertRecipients = z.strictObject({
  tags: z.array(Id).max(64).default([]),
  emails: z.array(Email).max(100).default([]),
  webhook: z.boolean().default(true),
  rules: z.array(AlertRule).max(ALERT_RULES.length).default([...ALERT_RULES]),
});

export const AlertSettings = z.strictObject({
  enabled: z.boolean().default(true),
  /** How often the rules run. */
  checkSeconds: z.number().min(0.2).max(3600).default(30),
  /** Alerts that open (or close) within this window after the first go out as one message. */
  groupSeconds: z.number().min(0).max(3600).default(60),
  thresholds: AlertThresholds.default(AlertThresholds.parse({})),
  /** In the hub's zone; messages wait until the end (from > to crosses midnight). */
  quietHours: z.strictObject({ from: LocalTime, to: LocalTime }).nullable().default(null),
  smtp: SmtpSettings.nullable().default(null),
  webhook: WebhookSettings.nullable().default(null),
  recipients: z.array(AlertRecipients).max(100).default([]),
});
export type AlertSettings = z.infer<typeof AlertSettings>;

/** As the API answers them: secrets never leave the hub. */
export const AlertSettingsView = AlertSettings.extend({ smtpPasswordSet: z.boolean(), webhookSecretSet: z.boolean() });

export const Alert = z.strictObject({
  id: z.string(),
  deviceId: Id,
  deviceName: z.string(),
  rule: AlertRule,
  /** Values the sentence needs (minutes, percent, seconds, MB), worded by the studio. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  openedAt: Instant,
  closedAt: Instant.nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertList = z.strictObject({ open: z.array(Alert), past: z.array(Alert) });

/** The webhook's JSON body (signed: X-Pano-Signature: sha256=<hex HMAC of the raw body>). */
export const AlertMessage = z.strictObject({
  id: z.string(),
  sentAt: Instant,
  opened: z.array(Alert),
  closed: z.array(Alert),
});
export type AlertMessage = z.infer<typeof AlertMessage>;
