import { createHash } from 'node:crypto';
import { z } from 'zod';
import { decodeBase64, encodeBase64 } from '../../playlists/base64.ts';
import { pae } from '../../playlists/dsse.ts';
import { signBytes } from '../../playlists/keys.ts';
import { parseJson } from '../../playlists/parse.ts';
import { ApprovalSignature } from '../../playlists/schemas/board.ts';
import { Base64, PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { parseUnknown } from '../../playlists/parse.ts';
import { parseCommandArgs } from '../args.ts';
import type { Io } from '../command.ts';
import { readSigningKey, readText, writeReplacing } from '../files.ts';

const Args = z.strictObject({
  submission: z.string().min(1),
  key: z.array(z.string().min(1)).length(1, 'an approver signs with exactly one key'),
  out: z.string().min(1),
  positionals: z.array(z.string()).max(0, 'takes no arguments with --submission'),
});

/** What the hub serves at GET /api/channels/:id/submission; only the signed parts are read. */
const Frozen = z.object({ payloadType: z.literal(PAYLOAD_TYPES.playlist), payload: Base64, channel: z.string().optional(), version: z.int().optional() });

/**
 * `pano sign --submission FILE --key approver.key --out sig.json`: an approver
 * who signs offline signs the frozen bytes the hub serves, never a draft, and
 * writes the body to POST to …/submission/signatures.
 */
export async function signSubmission(argv: string[], io: Io): Promise<void> {
  const args = parseCommandArgs(argv, { submission: { type: 'string' }, key: { type: 'string', multiple: true }, out: { type: 'string' } }, Args);
  const key = await readSigningKey(args.key[0]!, '--key');
  const frozen = parseJson(Frozen, await readText(args.submission), args.submission);
  const payload = decodeBase64(frozen.payload, `${args.submission} payload`);
  const body = parseUnknown(
    ApprovalSignature,
    {
      payloadSha256: createHash('sha256').update(payload).digest('hex'),
      keyid: key.keyid,
      sig: encodeBase64(signBytes(key, pae(frozen.payloadType, payload))),
    },
    'signature',
  );
  await writeReplacing(args.out, `${JSON.stringify(body, null, 2)}\n`);
  const what = frozen.channel ? `${frozen.channel} v${frozen.version ?? '?'}` : 'the submission';
  io.out(`signed ${what} (payload sha256 ${body.payloadSha256.slice(0, 16)}…) with key ${key.keyid.slice(0, 16)}… → ${args.out}`);
}
