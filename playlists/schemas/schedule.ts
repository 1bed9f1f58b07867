import { z } from 'zod';
import { Id, LocalDate, LocalTime, TimeZone } from './common.ts';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z.int().min(1).max(7);

/**
 * A time-of-day window in the screen's zone. `end` ≤ `start` crosses midnight
 * (22:00–02:00); 00:00–24:00 is the whole day. Start inclusive, end exclusive.
 */
export const TimeWindow = z
  .strictObject({ start: LocalTime, end: LocalTime })
  .refine((w) => w.start !== w.end || w.start === '00:00', { message: 'an empty window: use 00:00–24:00 for all day', params: { rule: 'emptyWindow' } });
export type TimeWindow = z.infer<typeof TimeWindow>;

/** A layout for every orientation, or one per orientation (per-display layouts). */
export const LayoutRef = z.union([
  Id,
  z.strictObject({ landscape: Id.optional(), portrait: Id.optional() }).refine((r) => r.landscape ?? r.portrait, { message: 'name at least one layout', params: { rule: 'needsLayout' } }),
]);
export type LayoutRef = z.infer<typeof LayoutRef>;

/** Which sequence plays in which zone role. */
export const ZoneContent = z.strictObject({ main: Id, side: Id.optional(), ticker: Id.optional() });
export type ZoneContent = z.infer<typeof ZoneContent>;

export const ScheduleEntry = z
  .strictObject({
    id: Id,
    name: z.string().max(200).optional(),
    layout: LayoutRef,
    content: ZoneContent,
    /** First and last day, inclusive, in the screen's zone. */
    from: LocalDate.optional(),
    until: LocalDate.optional(),
    weekdays: z.array(Weekday).min(1).max(7).optional(),
    windows: z.array(TimeWindow).min(1).max(24).optional(),
    /** Higher wins when entries overlap; ties go to the earlier entry. */
    priority: z.int().min(-1_000).max(1_000).default(0),
    /** Emergency content: preempts the current item at once; the loop resumes where it left off. */
    interrupt: z.boolean().default(false),
    /** Plays only in weeks whose rotating theme is this one. */
    theme: z.string().min(1).max(64).optional(),
    /** Display roles this entry is for; absent = every display. */
    displays: z.array(Id).min(1).optional(),
  })
  .refine((e) => !e.from || !e.until || e.from <= e.until, { message: 'from is after until', path: ['until'], params: { rule: 'fromAfterUntil' } });
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

/** Weekly (or n-daily) theme rotation: themes[k mod n] in period k counted from startsOn. */
export const ThemeRotation = z.strictObject({
  themes: z.array(z.string().min(1).max(64)).min(1).max(52),
  startsOn: LocalDate,
  periodDays: z.int().min(1).max(366).default(7),
});
export type ThemeRotation = z.infer<typeof ThemeRotation>;

export const OperatingHours = z.strictObject({
  weekdays: z.array(Weekday).min(1).max(7).optional(),
  start: LocalTime,
  end: LocalTime,
});
export type OperatingHours = z.infer<typeof OperatingHours>;
/** A list of opening windows: the schedule's, and a screen's own (device settings) with the same bounds. */
export const OperatingHoursList = z.array(OperatingHours).min(1).max(28);

export const Schedule = z
  .strictObject({
    /** Normally absent: schedules follow the screen's own IANA zone. Set to pin a zone for every screen. */
    timeZone: TimeZone.optional(),
    /** Outside these the screen is black and nothing counts as played. Absent: always on. */
    operatingHours: OperatingHoursList.optional(),
    themes: ThemeRotation.optional(),
    /** Plays when no entry matches; absent → the calm branded idle screen. */
    fallback: z.strictObject({ layout: LayoutRef, content: ZoneContent }).optional(),
    entries: z.array(ScheduleEntry).max(500),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.entries.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: `duplicate entry id ${e.id}`, params: { rule: 'duplicateEntry', id: e.id } });
      seen.add(e.id);
      if (e.theme !== undefined && !s.themes?.themes.includes(e.theme)) {
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'theme'], message: `theme ${e.theme} is not in schedule.themes`, params: { rule: 'unknownTheme', id: e.theme } });
      }
    });
  });
export type Schedule = z.infer<typeof Schedule>;
