/** The pure scheduler: time is always an argument, never read behind the caller's back. */
export { whatPlays, operatingAt, planKey, scheduleZone, themeOn, type Plan, type DisplayTarget, type ScreenHours } from './what-plays.ts';
export { nextChange, HORIZON_DAYS } from './next-change.ts';
export { localMoment, instantOf } from './zoned-time.ts';
