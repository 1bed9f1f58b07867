import { z } from 'zod';
import { PanoError, type BadPath } from './errors.ts';
import type { EmergencyRole } from './schemas/root.ts';

/**
 * What a playlist counted only under the root's emergency role may be
 * (docs/signing.md, "The emergency role"). The role exists so a duty officer
 * (or the hub, where the root lists its key there) can take screens over in
 * minutes without the board; these checks keep that key from publishing
 * anything else:
 *
 * - channel `emergency` (the hub's takeover channel);
 * - no assets and no kiosk pages: only slides from EMERGENCY_TEMPLATES;
 * - every schedule entry an interrupt, and no fallback;
 * - issued no later than 5 minutes after `now` (a takeover signed for later
 *   would reach beyond the maximum from today);
 * - `expiresAt − issuedAt` at most the role's `maxDurationMinutes`
 *   (EMERGENCY_TOO_LONG).
 *
 * Anything else is EMERGENCY_ROLE_SCOPE, listing every offending path.
 */

export const EMERGENCY_CHANNEL = 'emergency';
export const EMERGENCY_TEMPLATES = ['emergency'] as const;
/** Clock slack between the signer and the screen for `issuedAt`. */
export const EMERGENCY_ISSUE_SLACK_MS = 5 * 60_000;

const Scoped = z.looseObject({
  channel: z.literal(EMERGENCY_CHANNEL),
  issuedAt: z.string(),
  expiresAt: z.string(),
  assets: z.record(z.string(), z.never()).optional(),
  kiosk: z.never().optional(),
  items: z.record(z.string(), z.looseObject({ kind: z.literal('slide'), template: z.enum(EMERGENCY_TEMPLATES) })),
  schedule: z.looseObject({
    fallback: z.never().optional(),
    entries: z.array(z.looseObject({ interrupt: z.literal(true) })).min(1),
  }),
});

/** Throws EMERGENCY_ROLE_SCOPE or EMERGENCY_TOO_LONG unless `value` is an emergency takeover the role may sign. `now` at the epoch means "time unknown" (a restart's re-check of what was adopted): the issue-time check is skipped. */
export function checkEmergencyScope(value: unknown, role: EmergencyRole, now: Date): void {
  const parsed = Scoped.safeParse(value);
  if (!parsed.success) {
    const issues: BadPath[] = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
    throw new PanoError('EMERGENCY_ROLE_SCOPE', `signed only by the emergency role, which may sign nothing but interrupt takeovers of channel ${EMERGENCY_CHANNEL} from the templates ${EMERGENCY_TEMPLATES.join(', ')}`, issues);
  }
  const issued = Date.parse(parsed.data.issuedAt);
  const expires = Date.parse(parsed.data.expiresAt);
  if (now.getTime() !== 0 && !(issued <= now.getTime() + EMERGENCY_ISSUE_SLACK_MS)) {
    throw new PanoError('EMERGENCY_ROLE_SCOPE', `signed only by the emergency role, but issued at ${parsed.data.issuedAt}, after now (${now.toISOString()})`, [{ path: 'issuedAt', message: 'in the future' }]);
  }
  const minutes = (expires - issued) / 60_000;
  if (!(minutes <= role.maxDurationMinutes)) {
    throw new PanoError('EMERGENCY_TOO_LONG', `an emergency takeover valid ${Math.round(minutes)} min; the root allows at most ${role.maxDurationMinutes} min`, [
      { path: 'expiresAt', message: `more than ${role.maxDurationMinutes} min after issuedAt`, params: { maxDurationMinutes: role.maxDurationMinutes } },
    ]);
  }
}
