import { z } from 'zod';
import { Id, Instant, Sha256Hex } from './common.ts';
import { Base64, PAYLOAD_TYPES } from './envelope.ts';
import { KeyId } from './root.ts';
import { ApprovalSignature } from './board.ts';
import { admin, approver, viewer } from './route-access.ts';

/**
 * Emergency takeovers on the hub (docs/signing.md, "The emergency role"):
 * started from the studio or made from a CAP 1.2 alert, signed by the hub's
 * key where the root lets it sign them, else by the duty officer's own key in
 * the browser (one tap on the studio's emergency page).
 */

export const EmergencyIcon = z.enum(['warning', 'storm', 'flood', 'fire']);

export const EmergencyRequest = z.strictObject({
  /** Vietnamese: what happens, and what to do. */
  title: z.string().trim().min(1).max(200),
  message: z.string().max(500).default(''),
  /** English, shown under the Vietnamese (empty: the screen shows the Vietnamese alone under the bilingual label). */
  titleEn: z.string().trim().max(200).default(''),
  messageEn: z.string().max(500).default(''),
  /** The pictogram beside "KHẨN CẤP / EMERGENCY". */
  icon: EmergencyIcon.default('warning'),
  /** Device ids; empty = every screen. */
  devices: z.array(Id).max(10_000).default([]),
  /** How long screens keep the takeover; capped by the root's emergency maximum (at most a week). Absent: that maximum; without an emergency role, 30 days (a playlist's lifetime). */
  durationMinutes: z.int().min(1).max(30 * 24 * 60).optional(),
});
export type EmergencyRequest = z.infer<typeof EmergencyRequest>;
export const EmergencyState = z.object({
  active: z.boolean(),
  title: z.string().nullable(),
  since: Instant.nullable(),
  by: z.string().nullable(),
  version: z.int(),
});
/** `draft`: set when the takeover awaits the duty officer's signature instead of being on screens already. */
export const EmergencyStarted = z.object({ version: z.int(), draft: z.string().optional() });

/** Who signs takeovers under the hub's current root: the hub's own key, the emergency role's keys (duty officers), or nobody. */
export const EmergencySigning = z.object({
  mode: z.enum(['hub', 'duty', 'none']),
  threshold: z.int(),
  keyids: z.array(KeyId),
  maxDurationMinutes: z.int().nullable(),
});

export const CapInfo = z.object({
  identifier: z.string(),
  sender: z.string(),
  sent: z.string(),
  msgType: z.enum(['Alert', 'Update', 'Cancel']),
  event: z.string(),
  severity: z.string(),
  areas: z.array(z.string()),
  expires: z.string().nullable(),
});
export type CapInfo = z.infer<typeof CapInfo>;

export const EmergencyDraft = z.object({
  id: z.string(),
  source: z.enum(['studio', 'cap']),
  state: z.enum(['pending', 'published', 'cancelled', 'superseded', 'discarded']),
  request: EmergencyRequest.required({ durationMinutes: true }),
  createdAt: Instant,
  createdBy: z.string(),
  cap: CapInfo.nullable(),
  signatures: z.array(z.object({ keyid: KeyId, by: z.string(), at: Instant })),
  publishedVersion: z.int().nullable(),
});
export type EmergencyDraft = z.infer<typeof EmergencyDraft>;
export const EmergencyDraftList = z.object({ drafts: z.array(EmergencyDraft), signing: EmergencySigning });

/** The exact bytes the duty officer signs, frozen when they tap (issuedAt is then, version is the next one). */
export const EmergencyFrozen = z.object({
  id: z.string(),
  payloadType: z.literal(PAYLOAD_TYPES.playlist),
  payload: Base64,
  payloadSha256: Sha256Hex,
  version: z.int(),
});

/** The CAP 1.2 feed the hub polls (an admin setting). `area`: matched, without diacritics or case, against each `<areaDesc>`. */
export const CapSettings = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).nullable().default(null),
  area: z.string().trim().min(1).max(200).default('Cà Mau'),
  intervalSeconds: z.int().min(10).max(3_600).default(60),
  /** Alerts below this CAP severity make no draft. */
  minSeverity: z.enum(['Extreme', 'Severe', 'Moderate', 'Minor']).default('Moderate'),
});
export type CapSettings = z.infer<typeof CapSettings>;
export const CapPolled = z.object({ alerts: z.int(), drafts: z.int(), cancelled: z.int(), error: z.string().nullable() });


/** The emergency routes, spread into the operator API's route table (operator-api.ts). */
export const EMERGENCY_API = {
  emergency: { id: 'emergency', method: 'GET', path: '/api/emergency', summary: 'Is a takeover active', access: viewer, status: 200, response: EmergencyState },
  startEmergency: {
    id: 'startEmergency',
    method: 'POST',
    path: '/api/emergency',
    summary: "Take screens over now with a headline (signed by the hub's key where the root allows it; else a draft for the duty officer)",
    access: approver,
    body: EmergencyRequest,
    status: 200,
    response: EmergencyStarted,
  },
  endEmergency: { id: 'endEmergency', method: 'DELETE', path: '/api/emergency', summary: 'End the takeover: screens return to their channels', access: approver, status: 200, response: z.object({ ok: z.boolean() }) },
  listEmergencyDrafts: { id: 'listEmergencyDrafts', method: 'GET', path: '/api/emergency/drafts', summary: 'Emergency drafts (from the studio and from CAP alerts), newest first, and who may sign them', access: viewer, status: 200, response: EmergencyDraftList },
  prepareEmergencyDraft: {
    id: 'prepareEmergencyDraft',
    method: 'POST',
    path: '/api/emergency/drafts/:id/prepare',
    summary: 'Freeze a pending draft into the exact bytes to sign now (next version, issued now, duration capped by the root)',
    access: approver,
    status: 200,
    response: EmergencyFrozen,
  },
  signEmergencyDraft: {
    id: 'signEmergencyDraft',
    method: 'POST',
    path: '/api/emergency/drafts/:id/signatures',
    summary: "A duty officer's signature over the frozen bytes; the takeover goes on screens when the emergency role's threshold is met",
    access: approver,
    body: ApprovalSignature,
    status: 200,
    response: EmergencyDraft,
  },
  publishEmergencyDraft: { id: 'publishEmergencyDraft', method: 'POST', path: '/api/emergency/drafts/:id/publish', summary: "Put a pending draft on screens signed by the hub's key (only where the root lets it sign takeovers)", access: approver, status: 200, response: EmergencyDraft },
  discardEmergencyDraft: { id: 'discardEmergencyDraft', method: 'DELETE', path: '/api/emergency/drafts/:id', summary: 'Discard a pending draft', access: approver, status: 200, response: EmergencyDraft },
  capSettings: { id: 'capSettings', method: 'GET', path: '/api/emergency/cap', summary: 'The CAP 1.2 feed the hub polls for alerts', access: admin, status: 200, response: CapSettings },
  saveCapSettings: { id: 'saveCapSettings', method: 'PUT', path: '/api/emergency/cap', summary: 'Set the CAP feed URL, the area, the poll interval and the lowest severity', access: admin, body: CapSettings, status: 200, response: CapSettings },
  pollCap: { id: 'pollCap', method: 'POST', path: '/api/emergency/cap/poll', summary: 'Read the CAP feed now', access: admin, status: 200, response: CapPolled },
} as const;
