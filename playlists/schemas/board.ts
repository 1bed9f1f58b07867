import { z } from 'zod';
import { Id, Instant, Sha256Hex } from './common.ts';
import { Base64, PAYLOAD_TYPES } from './envelope.ts';
import { KeyId, PublicKeyB64 } from './root.ts';
import { approver, viewer } from './route-access.ts';

/**
 * The editorial board's exchange with the hub (docs/signing.md, "The
 * editorial board"): a submission is the exact payload bytes frozen when the
 * draft was submitted; an approver signs PAE(payloadType, those bytes) with a
 * key only they hold and posts the signature. `payloadSha256` names the bytes
 * the approver meant, so a signature over an older version is told apart.
 */
export const ApprovalSignature = z.strictObject({
  payloadSha256: Sha256Hex,
  keyid: KeyId,
  sig: Base64.min(1).max(200),
});
export type ApprovalSignature = z.infer<typeof ApprovalSignature>;

export const Submission = z.strictObject({
  channel: Id,
  version: z.int().min(1),
  payloadType: z.literal(PAYLOAD_TYPES.playlist),
  /** Standard base64 of the exact payload bytes. */
  payload: Base64,
  payloadSha256: Sha256Hex,
  submittedBy: z.string(),
  submittedAt: Instant,
  /** Distinct approvers' signatures the root's board needs. */
  threshold: z.int().min(1),
  signatures: z.array(z.strictObject({ keyid: KeyId, by: z.string(), at: Instant, counts: z.boolean() })),
  /** Set once the threshold was met and the envelope published. */
  publishedVersion: z.int().min(1).nullable(),
  /** The earlier version whose content this one restores (a rollback), else null. */
  rollbackOf: z.int().min(1).nullable().optional(),
});
export type Submission = z.infer<typeof Submission>;

/** An approver registers the public half of their key (made in the browser or by `pano keygen`). */
export const RegisterApproverKey = z.strictObject({ public: PublicKeyB64 });
export const ApproverKey = z.strictObject({ keyid: KeyId, public: PublicKeyB64, username: z.string(), registeredAt: Instant, inBoard: z.boolean() });
export type ApproverKey = z.infer<typeof ApproverKey>;

export const ApproverKeyList = z.strictObject({ keys: z.array(ApproverKey) });


/** The board's routes, spread into the operator API's route table (operator-api.ts). */
export const BOARD_API = {
  getSubmission: {
    id: 'getSubmission',
    method: 'GET',
    path: '/api/channels/:id/submission',
    summary: 'The frozen submission: the exact payload bytes approvers sign, and the signatures so far',
    access: viewer,
    status: 200,
    response: Submission,
  },
  signSubmission: {
    id: 'signSubmission',
    method: 'POST',
    path: '/api/channels/:id/submission/signatures',
    summary: "An approver's signature over the frozen bytes; publishes when the board's threshold is met (SIGNATURE_INVALID, OWN_SUBMISSION)",
    access: approver,
    body: ApprovalSignature,
    status: 200,
    response: Submission,
  },
  listApproverKeys: { id: 'listApproverKeys', method: 'GET', path: '/api/approver-keys', summary: "Approvers' registered public keys", access: viewer, status: 200, response: ApproverKeyList },
  registerApproverKey: {
    id: 'registerApproverKey',
    method: 'POST',
    path: '/api/approver-keys',
    summary: 'Register the public half of my signing key (the hub never holds private ones)',
    access: approver,
    body: RegisterApproverKey,
    status: 201,
    response: ApproverKey,
  },
} as const;
