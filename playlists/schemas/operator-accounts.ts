import { z } from 'zod';
import { Instant } from './common.ts';

/**
 * The operator API's accounts: languages and roles, users, sign-in, API
 * tokens and the hub's public settings. Part of the one operator API
 * (operator-api.ts re-exports it), kept apart so that file stays readable.
 */

export const LANGUAGES = ['vi', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const ROLES = ['viewer', 'editor', 'approver', 'admin'] as const;
/** viewer < editor < approver < admin: each role can do what the ones before it can. */
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
export const atLeast = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

// ---------------------------------------------------------------- accounts

/**
 * The one normalisation of user names, used by every lookup, the login
 * limiter and audit lines: trimmed, Unicode NFC (a name typed on a Mac, NFD,
 * is the same name), lower-case.
 */
// NFC again after lower-casing: a few case mappings (U+0130 İ) produce combining marks.
export const normaliseUsername = (name: string): string => name.trim().normalize('NFC').toLowerCase().normalize('NFC');

/** 2–32 letters (Vietnamese ones too), digits, . _ - ; starting with a letter or digit. */
export const Username = z
  .string()
  .max(64)
  .transform(normaliseUsername)
  .pipe(z.string().regex(/^[\p{Ll}\p{Lo}\p{Nd}][\p{Ll}\p{Lo}\p{Nd}\p{M}._-]{1,31}$/u, 'expected 2–32 letters, digits, . _ -'));
export const Password = z.string().min(10).max(200);

export const Login = z.strictObject({ username: z.string().max(64), password: z.string().max(200) });

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  role: Role,
  language: Language,
  /** Echo as X-CSRF-Token on every unsafe request made with the session cookie; null for API tokens. */
  csrf: z.string().nullable(),
  via: z.enum(['session', 'token']),
  /** Set after an admin created the user without a password or reset it: everything but this page answers PASSWORD_CHANGE_REQUIRED. */
  mustChangePassword: z.boolean(),
  /** The hub's zone for every date and time shown. */
  timeZone: z.string(),
});
export type Me = z.infer<typeof Me>;

export const SetLanguage = z.strictObject({ language: Language });
export const ChangePassword = z.strictObject({ current: z.string().max(200), next: Password });

export const User = z.object({
  id: z.string(),
  username: z.string(),
  role: Role,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: Instant,
  lastLoginAt: Instant.nullable(),
  /** Sessions open now (not expired). */
  sessions: z.int(),
});
export type User = z.infer<typeof User>;
export const UserList = z.object({ users: z.array(User) });

export const NewUser = z.strictObject({
  username: Username,
  role: Role,
  /** Absent: the hub generates one, answers it once, and the user must change it at first sign-in. */
  password: Password.optional(),
});
export const UserCreated = z.object({ user: User, password: z.string().optional() });
export const UserPatch = z.strictObject({ role: Role.optional(), disabled: z.boolean().optional() });
export const UserAnswer = z.object({ user: User });
export const PasswordReset = z.object({ password: z.string() });

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  username: z.string(),
  createdAt: Instant,
  expiresAt: Instant.nullable(),
  lastUsedAt: Instant.nullable(),
  revokedAt: Instant.nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const TokenList = z.object({ tokens: z.array(ApiToken) });
export const NewToken = z.strictObject({ name: z.string().trim().min(1).max(100), expiresInDays: z.int().min(1).max(365).default(90) });
/** `token` is the secret (`pano_op_…`), shown this once; the hub keeps only its hash. */
export const TokenCreated = ApiToken.extend({ token: z.string() });

export const Settings = z.object({
  timeZone: z.string(),
  languages: z.array(Language),
  defaultLanguage: Language,
  maxUploadBytes: z.int(),
  roles: z.array(Role),
});
