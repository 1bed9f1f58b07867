import type { Db } from './db.ts';

/**
 * Append-only: a migration, once released, never changes. Each runs in its own
 * transaction and is recorded in schema_migrations. Types and syntax are the
 * subset both SQLite and PostgreSQL accept.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
    role TEXT NOT NULL, created_at BIGINT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL
  );
  CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL, created_at BIGINT NOT NULL
  );
  CREATE TABLE audit (
    id TEXT PRIMARY KEY, at BIGINT NOT NULL, username TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL
  );
  CREATE INDEX audit_at ON audit (at);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE roots (version INTEGER PRIMARY KEY, envelope TEXT NOT NULL, created_at BIGINT NOT NULL);
  CREATE TABLE pairings (
    id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, device_id TEXT NOT NULL, public_key TEXT NOT NULL,
    app_version TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
    paired_at BIGINT, token TEXT
  );
  CREATE TABLE devices (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, tags TEXT NOT NULL, time_zone TEXT NOT NULL, displays TEXT NOT NULL,
    channel TEXT, public_key TEXT NOT NULL, token_hash TEXT UNIQUE, paired_at BIGINT NOT NULL, revoked_at BIGINT,
    last_seen BIGINT, hb_interval_ms BIGINT NOT NULL DEFAULT 60000, last_heartbeat TEXT,
    chain_seq BIGINT NOT NULL DEFAULT -1, chain_hash TEXT NOT NULL, chain_status TEXT NOT NULL DEFAULT 'ok',
    chain_problems INTEGER NOT NULL DEFAULT 0, screenshot TEXT, screenshot_at BIGINT
  );
  CREATE TABLE chain_flags (
    id TEXT PRIMARY KEY, device_id TEXT NOT NULL, at BIGINT NOT NULL, kind TEXT NOT NULL,
    seq BIGINT NOT NULL, record_id TEXT NOT NULL, detail TEXT NOT NULL
  );
  CREATE INDEX chain_flags_device ON chain_flags (device_id, at);
  CREATE TABLE channels (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, draft TEXT NOT NULL, draft_by TEXT NOT NULL, draft_at BIGINT NOT NULL,
    submitted_at BIGINT, submitted_by TEXT, version INTEGER NOT NULL DEFAULT 0, envelope TEXT, etag TEXT,
    audience TEXT, published_at BIGINT, published_by TEXT
  );
  CREATE TABLE playlist_versions (
    channel TEXT NOT NULL, version INTEGER NOT NULL, envelope TEXT NOT NULL, published_by TEXT NOT NULL,
    published_at BIGINT NOT NULL, PRIMARY KEY (channel, version)
  );
  CREATE TABLE media (
    sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL,
    duration_sec DOUBLE PRECISION, width INTEGER, height INTEGER, codec TEXT, warning TEXT,
    uploaded_by TEXT NOT NULL, created_at BIGINT NOT NULL
  );
  CREATE TABLE commands (
    id TEXT PRIMARY KEY, device_id TEXT NOT NULL, name TEXT NOT NULL, issued_at BIGINT NOT NULL, issued_by TEXT NOT NULL,
    status TEXT NOT NULL, result_ok INTEGER, message TEXT, done_at BIGINT, has_image INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX commands_device ON commands (device_id, status);
  CREATE TABLE heartbeats (
    id TEXT PRIMARY KEY, device_id TEXT NOT NULL, received_at BIGINT NOT NULL, body TEXT NOT NULL
  );
  CREATE INDEX heartbeats_device ON heartbeats (device_id, received_at);
  CREATE TABLE plays (
    id TEXT PRIMARY KEY, device_id TEXT NOT NULL, seq BIGINT NOT NULL, channel TEXT NOT NULL,
    playlist_version INTEGER NOT NULL, display TEXT NOT NULL, zone TEXT NOT NULL, item_id TEXT NOT NULL,
    kind TEXT NOT NULL, asset_sha256 TEXT, started_at BIGINT NOT NULL, ended_at BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL, outcome TEXT NOT NULL, reason TEXT, day TEXT NOT NULL, received_at BIGINT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX plays_day ON plays (day, channel);
  CREATE INDEX plays_device ON plays (device_id, seq);
  CREATE TABLE interactions (
    id TEXT PRIMARY KEY, device_id TEXT NOT NULL, at BIGINT NOT NULL, day TEXT NOT NULL, display TEXT NOT NULL,
    action TEXT NOT NULL, section TEXT, page TEXT, language TEXT, quiz TEXT, score INTEGER, total INTEGER
  );
  CREATE INDEX interactions_day ON interactions (day, device_id);
  CREATE TABLE emergency (
    id TEXT PRIMARY KEY, active INTEGER NOT NULL, message TEXT NOT NULL, audience TEXT NOT NULL,
    started_at BIGINT NOT NULL, started_by TEXT NOT NULL
  );
  `,
  // 2: the operator studio (issue 12): languages, one-time passwords, expiring and revocable
  // API tokens, media titles/tags/expiry/thumbnails, screen groups, last error and its recovery.
  `
  ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'vi';
  ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN last_login_at BIGINT;
  ALTER TABLE api_tokens ADD COLUMN id TEXT;
  ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
  ALTER TABLE api_tokens ADD COLUMN revoked_at BIGINT;
  ALTER TABLE api_tokens ADD COLUMN last_used_at BIGINT;
  UPDATE api_tokens SET id = substr(token_hash, 1, 24);
  CREATE UNIQUE INDEX api_tokens_id ON api_tokens (id);
  CREATE INDEX sessions_user ON sessions (user_id);
  ALTER TABLE media ADD COLUMN title TEXT;
  ALTER TABLE media ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE media ADD COLUMN expires_on TEXT;
  ALTER TABLE media ADD COLUMN thumbnail INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE devices ADD COLUMN site_group TEXT;
  ALTER TABLE devices ADD COLUMN error_json TEXT;
  ALTER TABLE devices ADD COLUMN error_cleared_at BIGINT;
  `,
  // 3: the finance report (issue 17): each screen's availability per day of the hub's zone, rolled up
  // from heartbeats before they are pruned (14 days), so a month's report can be made after it ends.
  `
  CREATE TABLE availability_days (
    device_id TEXT NOT NULL, day TEXT NOT NULL, online_ms BIGINT NOT NULL, content_ms BIGINT NOT NULL,
    dark_ms BIGINT, heartbeats INTEGER NOT NULL, PRIMARY KEY (device_id, day)
  );
  `,
  // 4: alerts (issue 17). One open alert per screen and rule (the partial index lets several hub
  // processes evaluate at once); messages are an outbox, claimed before sending so none goes twice.
  `
  CREATE TABLE alerts (
    id TEXT PRIMARY KEY, device_id TEXT NOT NULL, rule TEXT NOT NULL, params TEXT NOT NULL,
    opened_at BIGINT NOT NULL, closed_at BIGINT, open_sent INTEGER NOT NULL DEFAULT 0, close_sent INTEGER NOT NULL DEFAULT 0
  );
  CREATE UNIQUE INDEX alerts_open ON alerts (device_id, rule) WHERE closed_at IS NULL;
  CREATE INDEX alerts_opened ON alerts (opened_at);
  CREATE TABLE alert_messages (
    id TEXT PRIMARY KEY, created_at BIGINT NOT NULL, channel TEXT NOT NULL, recipients TEXT NOT NULL, body TEXT NOT NULL,
    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at BIGINT NOT NULL, claimed_until BIGINT,
    sent_at BIGINT, last_error TEXT
  );
  CREATE INDEX alert_messages_state ON alert_messages (state, next_at);
  `,
  // 5: the editorial board (issue 16): approvers' public keys (never private ones), each
  // submission frozen into its exact payload bytes, and the signatures approvers post over them.
  `
  CREATE TABLE approver_keys (keyid TEXT PRIMARY KEY, public TEXT NOT NULL, username TEXT NOT NULL, registered_at BIGINT NOT NULL);
  CREATE TABLE submissions (
    payload_sha256 TEXT PRIMARY KEY, channel TEXT NOT NULL, version INTEGER NOT NULL, payload TEXT NOT NULL,
    author TEXT NOT NULL, submitted_by TEXT NOT NULL, submitted_at BIGINT NOT NULL, published_version INTEGER
  );
  CREATE INDEX submissions_channel ON submissions (channel, submitted_at);
  CREATE TABLE submission_signatures (
    payload_sha256 TEXT NOT NULL, keyid TEXT NOT NULL, sig TEXT NOT NULL, username TEXT NOT NULL, signed_at BIGINT NOT NULL,
    PRIMARY KEY (payload_sha256, keyid)
  );
  ALTER TABLE channels ADD COLUMN submission TEXT;
  `,
  // 6: the board's workflow (issue 16): a submission sent back (with the approver's remark) or withdrawn
  // by its author, one prepared as a rollback, notices per person, and where a person's notices are e-mailed.
  `
  ALTER TABLE submissions ADD COLUMN withdrawn_at BIGINT;
  ALTER TABLE submissions ADD COLUMN withdrawn_by TEXT;
  ALTER TABLE submissions ADD COLUMN remark TEXT;
  ALTER TABLE submissions ADD COLUMN rollback_of INTEGER;
  CREATE TABLE notices (
    id TEXT PRIMARY KEY, username TEXT NOT NULL, at BIGINT NOT NULL, kind TEXT NOT NULL, channel TEXT NOT NULL,
    version INTEGER NOT NULL, actor TEXT NOT NULL, remark TEXT, read_at BIGINT
  );
  CREATE INDEX notices_user ON notices (username, at);
  CREATE TABLE notice_emails (username TEXT PRIMARY KEY, email TEXT NOT NULL);
  `,
  // 7: emergency drafts awaiting the duty officer's signature, their signatures, and the CAP alerts seen (issue 16)
  `
  CREATE TABLE emergency_drafts (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, state TEXT NOT NULL, request TEXT NOT NULL, cap TEXT, cap_key TEXT,
    created_at BIGINT NOT NULL, created_by TEXT NOT NULL, payload TEXT, payload_sha256 TEXT, published_version INTEGER
  );
  CREATE INDEX emergency_drafts_cap ON emergency_drafts (cap_key, created_at);
  CREATE TABLE emergency_signatures (
    draft_id TEXT NOT NULL, payload_sha256 TEXT NOT NULL, keyid TEXT NOT NULL, sig TEXT NOT NULL, username TEXT NOT NULL, signed_at BIGINT NOT NULL,
    PRIMARY KEY (draft_id, payload_sha256, keyid)
  );
  CREATE TABLE cap_alerts (cap_key TEXT PRIMARY KEY, msg_type TEXT NOT NULL, sent TEXT NOT NULL, received_at BIGINT NOT NULL, draft_id TEXT);
  `,
  // 8: the finance report by mail (issue 17): one row per month mailed, so a restarted hub (or a second
  // process) never sends a month twice; and a screen's master volume and default language, signed with
  // its settings (NULL: full volume, and the screen keeps its own language).
  `
  CREATE TABLE report_sends (
    period TEXT PRIMARY KEY, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at BIGINT NOT NULL,
    claimed_until BIGINT, sent_at BIGINT, last_error TEXT, created_at BIGINT NOT NULL
  );
  ALTER TABLE devices ADD COLUMN volume INTEGER;
  ALTER TABLE devices ADD COLUMN language TEXT;
  `,
  // 9 (issue 17): one labelled screenshot per display of a screenshot command; the latest log pull
  // per screen (its text, as the screen sent it); a command's parameters (a log pull's bounds).
  `
  CREATE TABLE command_screenshots (
    command_id TEXT NOT NULL, device_id TEXT NOT NULL, display TEXT NOT NULL, taken_at BIGINT NOT NULL, received_at BIGINT NOT NULL,
    PRIMARY KEY (command_id, display)
  );
  CREATE TABLE device_logs (
    device_id TEXT PRIMARY KEY, command_id TEXT NOT NULL, pulled_at BIGINT NOT NULL, lines INTEGER NOT NULL, bytes INTEGER NOT NULL, body TEXT NOT NULL
  );
  ALTER TABLE commands ADD COLUMN params TEXT;
  `,
  // Display power (issue 17): how the screen switches its panel off-hours; NULL = the screen's own default.
  `ALTER TABLE devices ADD COLUMN power TEXT;`,
  // A screen's own opening hours (issue 17), JSON like the schedule's operatingHours; NULL = no restriction.
  `ALTER TABLE devices ADD COLUMN operating_hours TEXT;`,
];

export async function migrate(db: Db): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  const done = new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  let applied = 0;
  for (const [index, sql] of MIGRATIONS.entries()) {
    const version = index + 1;
    if (done.has(version)) continue;
    await db.tx(async (t) => {
      await t.exec(sql);
      await t.run('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version, Date.now()]);
    });
    applied++;
  }
  return applied;
}
