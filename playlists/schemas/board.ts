import { z } from 'zod';
import { Id, Instant, Sha256Hex } from './common.ts';
import { Base64, PAYLOAD_TYPES } from './envelope.ts';
import { KeyId, PublicKeyB64 } from './root.ts';

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
});
export type Submission = z.infer<typeof Submission>;

/** An approver registers the public half of their key (made in the browser or by `pano keygen`). */
export const RegisterApproverKey = z.strictObject({ public: PublicKeyB64 });
export const ApproverKey = z.strictObject({ keyid: KeyId, public: PublicKeyB64, username: z.string(), registeredAt: Instant, inBoard: z.boolean() });
export type ApproverKey = z.infer<typeof ApproverKey>;
