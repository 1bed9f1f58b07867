import { z } from 'zod';
import { Id, Instant, Tag, TimeZone } from './common.ts';
import { CommandName, LogPull } from './device-api.ts';
import { approver, viewer } from './route-access.ts';

/**
 * Fleet operations beyond one screen's page (issue 17): a screenshot per
 * display, the player's log on demand, and one action on many screens. Each
 * bulk route runs the single-screen operation once per screen (the same code
 * path as PUT /api/devices/:id or POST /api/devices/:id/command) and answers
 * what happened to each.
 */

/** One display's screenshot: its name on the screen, and when the screen took it. */
export const DisplayShot = z.object({ display: z.string(), url: z.string(), takenAt: Instant });

/** The latest log pull of a screen: the tail it sent back (secrets removed on the screen). */
export const DeviceLogPull = z.object({
  commandId: z.string(),
  pulledAt: Instant,
  lines: z.int(),
  bytes: z.int(),
  text: z.string(),
  /** The same text as a text/plain attachment. */
  downloadUrl: z.string(),
});

const Screens = z.array(Id).min(1).max(500);

export const BulkCommand = z.strictObject({ deviceIds: Screens, name: CommandName, log: LogPull.optional() });
export const BulkChannel = z.strictObject({ deviceIds: Screens, channel: Id.nullable() });
export const BulkSettings = z
  .strictObject({
    deviceIds: Screens,
    addTags: z.array(Tag).max(50).default([]),
    removeTags: z.array(Tag).max(50).default([]),
    timeZone: TimeZone.optional(),
  })
  .refine((b) => b.addTags.length + b.removeTags.length > 0 || b.timeZone !== undefined, { message: 'nothing to change', params: { rule: 'nothingToChange' }, path: ['addTags'] });

/** Per screen: done, or the error the single-screen operation gave (code and sentence, as the API words it). */
export const BulkOutcome = z.object({
  deviceId: z.string(),
  ok: z.boolean(),
  commandId: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export const BulkResult = z.object({ results: z.array(BulkOutcome) });
export type BulkResult = z.infer<typeof BulkResult>;


/** Spread into the operator API's route table (operator-api.ts). */
export const FLEET_OPS_API = {
  deviceLog: {
    id: 'deviceLog',
    method: 'GET',
    path: '/api/devices/:id/log',
    summary: "The screen's latest log pull as a text/plain attachment (404 before the first)",
    access: viewer,
    status: 200,
    response: { raw: 'text/plain' },
  },
  bulkCommand: {
    id: 'bulkCommand',
    method: 'POST',
    path: '/api/fleet/command',
    summary: 'Send one command to several screens (each as POST /api/devices/:id/command); a result per screen',
    access: approver,
    body: BulkCommand,
    status: 200,
    response: BulkResult,
  },
  bulkChannel: {
    id: 'bulkChannel',
    method: 'POST',
    path: '/api/fleet/channel',
    summary: 'Assign a channel to several screens (each as PUT /api/devices/:id); a result per screen',
    access: approver,
    body: BulkChannel,
    status: 200,
    response: BulkResult,
  },
  bulkSettings: {
    id: 'bulkSettings',
    method: 'POST',
    path: '/api/fleet/settings',
    summary: 'Add or remove tags, or set the time zone, on several screens (each as PUT /api/devices/:id); a result per screen',
    access: approver,
    body: BulkSettings,
    status: 200,
    response: BulkResult,
  },
} as const;
