import { z } from 'zod';
import { Instant, Sha256Hex } from './common.ts';
import { KeyId, Role } from './root.ts';
import { admin, viewer } from './route-access.ts';

/**
 * Changing the board is a root update (docs/signing.md, "Preparing the next
 * root in the studio"): the hub shows the current root's roles, prepares the
 * unsigned next root (its exact payload bytes) from the admin's choice of
 * registered approver keys and threshold, root key holders sign it offline
 * (`pano root sign`), and the signed root comes back through POST /api/roots.
 * Also here: the board's record of one published version (who signed, when,
 * with which key), as JSON and as a PDF to file.
 */

export const RootSummary = z.strictObject({
  version: z.int().min(1),
  expires: Instant,
  /** Every role the root names (root, publisher, hub, board, emergency, …), as in root.json. */
  roles: z.record(z.string(), Role),
});
export type RootSummary = z.infer<typeof RootSummary>;

/** The admin's choice: the board's approver keys (registered with the hub) and its threshold; every other role is kept. No keys: no board. */
export const PrepareRoot = z.strictObject({
  approvers: z.array(KeyId).max(32),
  threshold: z.int().min(1).max(32),
  expires: Instant,
});
export type PrepareRoot = z.infer<typeof PrepareRoot>;

export const PreparedRoot = z.strictObject({
  version: z.int().min(2),
  /** Standard base64 of the exact bytes root key holders sign: the file `pano root sign` takes. */
  payload: z.string().min(1),
  fileName: z.string().min(1),
});
export type PreparedRoot = z.infer<typeof PreparedRoot>;

export const BoardRecordQuery = z.strictObject({ lang: z.enum(['vi', 'en']).default('vi') });

/** One published version as the board files it. Each signature of the published envelope, checked against the hub's current root. */
export const BoardRecord = z.strictObject({
  channel: z.string(),
  title: z.string(),
  version: z.int().min(1),
  payloadSha256: Sha256Hex,
  publishedAt: Instant,
  publishedBy: z.string(),
  rootVersion: z.int().min(1),
  contentRole: z.string(),
  threshold: z.int().min(1),
  signatures: z.array(
    z.strictObject({
      keyid: z.string(),
      /** The approver who posted it, else the key's holder by role (the hub's key), else null. */
      by: z.string().nullable(),
      /** When it was posted (the publish time for a signature the hub made). */
      at: Instant,
      roles: z.array(z.string()),
      counts: z.boolean(),
      verdict: z.enum(['counts', 'notInRole', 'duplicate', 'invalid']),
    }),
  ),
});
export type BoardRecord = z.infer<typeof BoardRecord>;


/** Spread into the operator API's route table (operator-api.ts). */
export const ROOT_PREPARE_API = {
  currentRoot: { id: 'currentRoot', method: 'GET', path: '/api/roots/current', summary: "The hub's current root: version, expiry and every role", access: viewer, status: 200, response: RootSummary },
  prepareRoot: {
    id: 'prepareRoot',
    method: 'POST',
    path: '/api/roots/prepare',
    summary: 'The unsigned next root (version + 1) naming the chosen approver keys as the board, other roles kept; 422 with a rule per bad field',
    access: admin,
    body: PrepareRoot,
    status: 200,
    response: PreparedRoot,
  },
  boardRecord: { id: 'boardRecord', method: 'GET', path: '/api/channels/:id/versions/:version/record', summary: 'Who signed a published version, when and with which key', access: viewer, query: BoardRecordQuery, status: 200, response: BoardRecord },
  boardRecordPdf: {
    id: 'boardRecordPdf',
    method: 'GET',
    path: '/api/channels/:id/versions/:version/record.pdf',
    summary: 'The signing record of a published version as an A4 PDF (Vietnamese, or English with lang=en)',
    access: viewer,
    query: BoardRecordQuery,
    status: 200,
    response: { raw: 'application/pdf' },
  },
  versionEnvelope: {
    id: 'versionEnvelope',
    method: 'GET',
    path: '/api/channels/:id/versions/:version/envelope.json',
    summary: 'The envelope exactly as published, for `pano verify --explain` offline',
    access: viewer,
    status: 200,
    response: { raw: 'application/json' },
  },
} as const;
