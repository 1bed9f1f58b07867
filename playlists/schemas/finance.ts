import { z } from 'zod';
import { Id, Instant, LocalDate } from './common.ts';
import { PlayOutcome } from './reports.ts';

/**
 * The finance report (issue 17): per period × screen × clip, what played and
 * how long, each screen's availability, and its proof-of-play chain for the
 * period. One query (server/reports/finance.ts) answers JSON, XLSX and PDF.
 */
export const FinanceQuery = z.strictObject({
  /** First and last local day of the period, inclusive (a month is its first and last day). */
  from: LocalDate,
  to: LocalDate,
  lang: z.enum(['vi', 'en']).default('vi'),
  /** Printed in the header: the department the report is for. */
  department: z.string().trim().max(120).default(''),
});
export type FinanceQuery = z.infer<typeof FinanceQuery>;

const Count = z.int().min(0);

/** What played, per clip row and in the totals. */
const PlayCounts = {
  /** Plays the screen's scheduler started (every outcome): the hub's count of plays scheduled (docs/hub.md, "Finance report"). */
  started: Count,
  completed: Count,
  skipped: Count,
  interrupted: Count,
  errors: Count,
  /** Seconds on the glass, every outcome (a skipped play shows for the seconds it ran). */
  seconds: Count,
};

export const FinanceClipRow = z.object({
  deviceId: Id,
  deviceName: z.string(),
  channel: z.string(),
  itemId: z.string(),
  ...PlayCounts,
  reasons: z.array(z.object({ outcome: PlayOutcome, reason: z.string().nullable(), plays: Count })),
});
export type FinanceClipRow = z.infer<typeof FinanceClipRow>;

export const FinanceScreen = z.object({
  deviceId: Id,
  deviceName: z.string(),
  timeZone: z.string(),
  periodSec: Count,
  /** Covered by heartbeats: each counts until the next, at most 2.5 of the screen's intervals (the fleet's online rule). */
  onlineSec: Count,
  /** Online with something on the glass (the heartbeat's nowPlaying was not empty). */
  contentSec: Count,
  /** Outside the operating hours of the playlist the screen reported; null when no heartbeat named a playlist the hub holds. */
  darkSec: Count.nullable(),
  heartbeats: Count,
  chain: z.object({
    /** Worst of the period's flags: broken (edit, reorder, broken link) > refused > gap > ok. */
    status: z.enum(['ok', 'gap', 'refused', 'broken']),
    flags: z.record(z.string(), Count),
    /** Play records of the period and the first and last sequence number: records = last − first + 1 when none is missing. */
    records: Count,
    firstSeq: z.int().nullable(),
    lastSeq: z.int().nullable(),
  }),
});
export type FinanceScreen = z.infer<typeof FinanceScreen>;

export const FinanceTotals = z.object({
  ...PlayCounts,
  onlineSec: Count,
  contentSec: Count,
  darkSec: Count,
});
export type FinanceTotals = z.infer<typeof FinanceTotals>;

export const FinanceReport = z.object({
  period: z.object({ from: LocalDate, to: LocalDate, timeZone: z.string(), startsAt: Instant, endsAt: Instant }),
  department: z.string(),
  generatedAt: Instant,
  rows: z.array(FinanceClipRow),
  screens: z.array(FinanceScreen),
  totals: FinanceTotals,
});
export type FinanceReport = z.infer<typeof FinanceReport>;
