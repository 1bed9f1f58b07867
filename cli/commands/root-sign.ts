import { z } from 'zod';
import { decodeBase64, encodeBase64 } from '../../playlists/base64.ts';
import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { isPanoError } from '../../playlists/errors.ts';
import { parseJsonBytes, parseJsonText } from '../../playlists/parse.ts';
import { Envelope, PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { RootMetadata } from '../../playlists/schemas/root.ts';
import { requirePayloadType, verifyRootSelf, verifyRootUpdate } from '../../playlists/trust.ts';
import { onePositional, parseCommandArgs } from '../args.ts';
import type { Io } from '../command.ts';
import { distinctKeys, readBytes, readSigningKey, writeNew } from '../files.ts';
import { hubToken, postSigned } from '../hub-post.ts';

/**
 * The offline half of a root update the hub prepared (studio: "Prepare the
 * next root"): the hub writes the unsigned next root (its exact payload
 * bytes), each root key holder adds their signature with `pano root sign`,
 * on their own machine if they like, and the signed root goes back to the hub
 * (the studio's upload, or `pano root publish`). The bytes are never
 * re-serialised: what the admin downloaded is what is signed.
 */

export const rootSignHelp = `  pano root sign NEXT.json --root-key K [--root-key K2] [--from root.json] --out root-N.json
  pano root publish root-N.json --hub URL [--token T]`;

export const rootSignDetails = `sign: adds root-key signatures to a next root.
  NEXT.json                   the unsigned next root the hub prepared (root metadata), or a
                              root another key holder already signed (signatures are kept)
  --root-key FILE             a .key to sign with: a current root key, or one of the new root's
  --from FILE                 the current signed root: says whether the result is complete
                              (a threshold of the current root keys and of its own)
  --out FILE                  where to write (never overwritten)

publish: uploads a signed root to the hub (POST /api/roots), which serves it to screens.
  --hub URL, --token T        the hub and an admin's API token (or PANO_TOKEN)`;

const SignArgs = z.strictObject({ 'root-key': z.array(z.string().min(1)).min(1), from: z.string().min(1).optional(), out: z.string().min(1), positionals: onePositional('NEXT.json') });
const PublishArgs = z.strictObject({ hub: z.url('expected the hub URL, e.g. https://hub.example.vn'), token: z.string().min(16).optional(), positionals: onePositional('root-N.json') });
const ROOT_BYTES = 1024 * 1024;

/** The payload and signatures so far: an envelope is continued, bare root metadata is the payload itself. */
function readNext(bytes: Uint8Array): { payload: Uint8Array; signatures: Envelope['signatures'] } {
  const json = parseJsonText(new TextDecoder().decode(bytes), 'NEXT.json', { maxBytes: ROOT_BYTES });
  if (typeof json === 'object' && json !== null && 'payloadType' in json) {
    const envelope = parseJsonBytes(Envelope, bytes, 'NEXT.json', { maxBytes: ROOT_BYTES });
    requirePayloadType(envelope, PAYLOAD_TYPES.root);
    return { payload: decodeBase64(envelope.payload), signatures: envelope.signatures };
  }
  parseJsonBytes(RootMetadata, bytes, 'NEXT.json', { maxBytes: ROOT_BYTES });
  return { payload: bytes, signatures: [] };
}

export async function rootSign(argv: string[], io: Io): Promise<void> {
  const args = parseCommandArgs(argv, { 'root-key': { type: 'string', multiple: true }, from: { type: 'string' }, out: { type: 'string' } }, SignArgs);
  const next = readNext(await readBytes(args.positionals, ROOT_BYTES));
  const keys = distinctKeys(await Promise.all(args['root-key'].map((p) => readSigningKey(p, '--root-key'))), '--root-key');
  const added = signEnvelope(PAYLOAD_TYPES.root, next.payload, keys).signatures;
  const signatures = [...next.signatures.filter((s) => !added.some((a) => a.keyid === s.keyid)), ...added];
  const text = serializeEnvelope({ payloadType: PAYLOAD_TYPES.root, payload: encodeBase64(next.payload), signatures });
  const root = parseJsonBytes(RootMetadata, next.payload, 'root payload');
  await writeNew(args.out, text);
  io.out(`wrote ${args.out}: root v${root.version} with ${signatures.length} signature(s)`);
  // Complete or not, the file is a step: a second key holder may sign it next.
  try {
    if (args.from) verifyRootUpdate(verifyRootSelf(await readBytes(args.from, ROOT_BYTES)).value, [text], new Date());
    else verifyRootSelf(text);
    io.out(args.from ? `complete: a screen trusting the current root accepts root v${root.version}` : `complete: root v${root.version} carries a threshold of its own root keys (give --from to check the current root's too)`);
  } catch (error) {
    if (!isPanoError(error) || !['SIGNATURE_INVALID', 'THRESHOLD_NOT_MET'].includes(error.code)) throw error;
    io.out(`not complete yet (${error.code}): ${error.message}; another root key holder signs ${args.out} next`);
  }
}

export async function rootPublish(argv: string[], io: Io): Promise<void> {
  const args = parseCommandArgs(argv, { hub: { type: 'string' }, token: { type: 'string' } }, PublishArgs);
  const token = hubToken(args.token);
  const answer = await postSigned(args.hub, '/api/roots', token, await readBytes(args.positionals, ROOT_BYTES), z.object({ version: z.int() }));
  io.out(`the hub serves root v${answer.version}`);
}
