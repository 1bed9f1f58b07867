import { z } from 'zod';
import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { PanoError } from '../../playlists/errors.ts';
import { parseJson, parseUnknown } from '../../playlists/parse.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { Playlist, PlaylistDraft } from '../../playlists/schemas/playlist.ts';
import { DEFAULT_MAX_BYTES } from '../../playlists/trust.ts';
import { onePositional, parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { distinctKeys, readSigningKey, readText, writeReplacing } from '../files.ts';
import { fillAssetHashes } from '../media.ts';
import { signSubmission } from './sign-submission.ts';

const Args = z.strictObject({
  key: z.array(z.string().min(1)).min(1),
  media: z.string().min(1).optional(),
  out: z.string().min(1),
  positionals: onePositional('PLAYLIST.json'),
});

export const signCommand: Command = {
  name: 'sign',
  summary: 'sign a playlist (filling asset sha256 and size from --media)',
  help: `Usage: pano sign PLAYLIST.json --key PUBLISHER.key [--key KEY2] [--media DIR] --out SIGNED.json
       pano sign --submission FROZEN.json --key APPROVER.key --out SIG.json

Checks the playlist against the schema, pins every asset by sha256 and size,
and writes a DSSE envelope (payloadType ${PAYLOAD_TYPES.playlist}).
An asset without a hash is never signed.

Options:
  --key FILE     a publisher private key (.key); repeat to add signatures
                 up to the root's publisher threshold
  --media DIR    fill in sha256 and size of each asset from its file under DIR:
                 DIR/<url path>, else DIR/<file name>. HLS files are found
                 relative to the .m3u8. A hash already given must match
                 the file (HASH_MISMATCH / SIZE_MISMATCH otherwise).
  --out FILE     where to write the signed playlist (replaced atomically)
  --submission FILE
                 an approver's signature instead: FILE is the frozen submission
                 from the hub (GET /api/channels/ID/submission); its exact
                 payload bytes are signed with the one --key, and --out gets
                 {payloadSha256, keyid, sig} to POST to
                 /api/channels/ID/submission/signatures
  -h, --help     show this help

Exit status: 0 signed; 1 rejected ("CODE: reason" on stderr); 2 usage error.`,

  async run(argv, io) {
    if (argv.some((a) => a === '--submission' || a.startsWith('--submission='))) return signSubmission(argv, io);
    const args = parseCommandArgs(argv, { key: { type: 'string', multiple: true }, media: { type: 'string' }, out: { type: 'string' } }, Args);
    const keys = distinctKeys(await Promise.all(args.key.map((p) => readSigningKey(p, '--key'))), '--key');
    const file = args.positionals;
    const draft = parseJson(PlaylistDraft, await readText(file), file);

    let hashed = 0;
    if (args.media !== undefined) {
      const filled = await fillAssetHashes(draft.assets, args.media);
      draft.assets = filled.assets;
      hashed = filled.hashed;
    }
    // The full schema refuses any asset without sha256 and size.
    const playlist = parseUnknown(Playlist, draft, file);
    const payload = new TextEncoder().encode(`${JSON.stringify(playlist, null, 2)}\n`);
    const text = serializeEnvelope(signEnvelope(PAYLOAD_TYPES.playlist, payload, keys));
    const size = new TextEncoder().encode(text).length;
    if (size > DEFAULT_MAX_BYTES) {
      throw new PanoError('TOO_LARGE', `signed playlist would be ${size} bytes; screens accept at most ${DEFAULT_MAX_BYTES}`);
    }
    await writeReplacing(args.out, text);
    const assets = Object.keys(playlist.assets).length;
    const media = args.media !== undefined ? `, ${hashed} hashed from ${args.media}` : '';
    io.out(`signed ${playlist.channel} v${playlist.version} (${assets} asset(s)${media}) with ${keys.length} key(s) → ${args.out}`);
  },
};
