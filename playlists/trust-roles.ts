import { decodeBase64 } from './base64.ts';
import { pae, verifyEnvelopeSignatures, type VerifiedSignatures } from './dsse.ts';
import { isPanoError, PanoError } from './errors.ts';
import { verifyBytes, type PublicKey } from './keys.ts';
import type { Envelope } from './schemas/envelope.ts';
import type { EmergencyRole, RootMetadata } from './schemas/root.ts';
import { roleKeys } from './trust.ts';

/**
 * Which role signs content. A root with a `board` hands content to the
 * approvers: their threshold of distinct signatures, and nobody else's, makes
 * a playlist; the hub's keys (publisher, hub) then sign device settings only.
 * A root without a board keeps the small-install rule: the publisher role.
 * Either way, the optional `emergency` role's threshold stands in when the
 * content role's falls short, for emergency takeovers only (trust-emergency.ts).
 */
export type ContentRole = 'board' | 'publisher';

export function contentRole(root: RootMetadata): ContentRole {
  return root.roles.board ? 'board' : 'publisher';
}

export function contentSigners(root: RootMetadata): ReturnType<typeof roleKeys> & { role: ContentRole } {
  const role = contentRole(root);
  const spec = role === 'board' ? root.roles.board! : root.roles.publisher;
  return { ...roleKeys(root, spec), role };
}

/**
 * verifyEnvelopeSignatures against the content role, with one more answer:
 * an envelope carrying no valid content signature but a valid one by a key of
 * another role (the hub's key where a board exists, a root key) is
 * ROLE_NOT_ALLOWED where the root names a board, so "the hub signed it
 * alone" is told apart from garbage.
 */
export function verifyContentSignatures(envelope: Envelope, root: RootMetadata, what: string): VerifiedSignatures & { emergency?: EmergencyRole } {
  const signers = contentSigners(root);
  try {
    return verifyEnvelopeSignatures(envelope, signers.keys, signers.threshold, what);
  } catch (error) {
    // Short of the content threshold, the emergency role's threshold makes a playlist the caller must then scope (trust-emergency.ts).
    const emergency = emergencySignatures(envelope, root, what, error);
    if (emergency) return emergency;
    // Without a board nothing changes from before boards existed: no valid publisher signature is SIGNATURE_INVALID.
    if (!(error instanceof PanoError) || error.code !== 'SIGNATURE_INVALID' || signers.role !== 'board') throw error;
    const others = otherRoleSigners(envelope, root, signers.role);
    if (others.length > 0) {
      throw new PanoError('ROLE_NOT_ALLOWED', `${what} is signed only by ${others.join(', ')} key(s), which may not sign content; it needs ${signers.threshold} ${signers.role} signature(s)`);
    }
    throw error;
  }
}

/** The emergency role's verdict when the content role fell short on signatures alone, else undefined. */
function emergencySignatures(envelope: Envelope, root: RootMetadata, what: string, contentError: unknown): (VerifiedSignatures & { emergency: EmergencyRole }) | undefined {
  const role = root.roles.emergency;
  if (!role || !isPanoError(contentError) || !['SIGNATURE_INVALID', 'THRESHOLD_NOT_MET'].includes(contentError.code)) return undefined;
  try {
    return { ...verifyEnvelopeSignatures(envelope, roleKeys(root, role).keys, role.threshold, what), emergency: role };
  } catch {
    return undefined;
  }
}

/** Names of the non-content roles with a valid signature on the envelope. */
function otherRoleSigners(envelope: Envelope, root: RootMetadata, content: ContentRole): string[] {
  const message = pae(envelope.payloadType, decodeBase64(envelope.payload));
  const sigs = envelope.signatures.map((s) => decodeBase64(s.sig));
  const signs = (keys: readonly PublicKey[]) => keys.some((k) => sigs.some((sig) => verifyBytes(k.publicKey, message, sig)));
  const names: string[] = [];
  for (const name of ['publisher', 'hub', 'root'] as const) {
    const spec = root.roles[name];
    if (name === content || spec === undefined) continue;
    if (signs(roleKeys(root, spec).keys)) names.push(name);
  }
  return names;
}

/** Why a signature counts or not: counts; the key is not in the content role; its key already counted; it verifies under no key of the root. */
export type SignatureVerdict = 'counts' | 'notInRole' | 'duplicate' | 'invalid';

export interface SignatureExplained {
  keyid: string;
  /** Roles that list the key that verified this signature (none: an unknown key or a bad signature). */
  roles: string[];
  valid: boolean;
  /** Whether it counts toward the content threshold (valid, by a content-role key, not a repeat). */
  counts: boolean;
  verdict: SignatureVerdict;
  /** The keyid is listed in the root's keys (false: a key the root does not know). */
  known: boolean;
}

/** For `pano verify --explain`: each signature, the role(s) of its key and whether it counts. Never throws on bad signatures. */
export function explainSignatures(envelope: Envelope, root: RootMetadata): { role: ContentRole; threshold: number; counting: number; signatures: SignatureExplained[] } {
  const signers = contentSigners(root);
  const message = pae(envelope.payloadType, decodeBase64(envelope.payload));
  const all = new Map<string, PublicKey>();
  for (const spec of Object.values(root.roles)) for (const k of roleKeys(root, spec).keys) all.set(k.keyid, k);
  const content = new Set(signers.keys.map((k) => k.keyid));
  const counted = new Set<string>();
  const signatures = envelope.signatures.map(({ keyid, sig }): SignatureExplained => {
    const bytes = decodeBase64(sig);
    const key = [...all.values()].find((k) => verifyBytes(k.publicKey, message, bytes));
    if (!key) return { keyid, roles: [], valid: false, counts: false, verdict: 'invalid', known: keyid in root.keys };
    const roles = Object.entries(root.roles).filter(([, spec]) => spec?.keyids.includes(key.keyid)).map(([name]) => name);
    const verdict = !content.has(key.keyid) ? 'notInRole' : counted.has(key.keyid) ? 'duplicate' : 'counts';
    if (verdict === 'counts') counted.add(key.keyid);
    return { keyid: key.keyid, roles, valid: true, counts: verdict === 'counts', verdict, known: true };
  });
  return { role: signers.role, threshold: signers.threshold, counting: counted.size, signatures };
}
