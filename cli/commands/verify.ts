import { z } from 'zod';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { DEFAULT_MAX_BYTES, verifyPlaylist, verifyRootSelf, verifyRootUpdate } from '../../playlists/trust.ts';
import { instantFlag, natFlag, onePositional, parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { readBytes } from '../files.ts';

const Args = z.strictObject({
  root: z.array(z.string().min(1)).min(1),
  'trusted-version': natFlag.optional(),
  now: instantFlag.optional(),
  positionals: onePositional('SIGNED.json'),
});

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a signed playlist against a root, as a screen would',
  help: `Usage: pano verify SIGNED.json --root root.json [--root root-2.json ...] [--trusted-version N] [--now ISO]

Applies the same checks as a screen: size cap, payloadType, a threshold of
distinct publisher signatures, schema, expiry, version.

Options:
  --root FILE            the trusted root; repeat to follow rotations: the first is
                         pinned, each next one must be its valid successor (v+1)
  --trusted-version N    reject versions below N (ROLLBACK)
  --now ISO              check expiry at this instant instead of the clock
  -h, --help             show this help

Exit status: 0 valid (one-line summary on stdout); 1 rejected ("CODE: reason"
on stderr, e.g. SIGNATURE_INVALID, EXPIRED, ROLLBACK); 2 usage error.`,

  async run(argv, io) {
    const options = { root: { type: 'string', multiple: true }, 'trusted-version': { type: 'string' }, now: { type: 'string' } } as const;
    const args = parseCommandArgs(argv, options, Args);
    const now = args.now === undefined ? new Date() : new Date(args.now);

    const [pinned, ...rotations] = await Promise.all(args.root.map((p) => readBytes(p, DEFAULT_MAX_BYTES)));
    const first = verifyRootSelf(pinned!);
    const { root } = verifyRootUpdate(first.value, rotations, now);

    const bytes = await readBytes(args.positionals, DEFAULT_MAX_BYTES);
    const opts = { root, now, payloadSchema: Playlist };
    const { value, keyids } = verifyPlaylist(bytes, args['trusted-version'] === undefined ? opts : { ...opts, trustedVersion: args['trusted-version'] });
    const role = root.roles.publisher;
    io.out(
      `OK: ${value.channel} v${value.version}, ${Object.keys(value.assets).length} asset(s), ` +
        `signed by ${keyids.length} of ${role.keyids.length} publisher key(s) (threshold ${role.threshold}), ` +
        `expires ${value.expiresAt}, root v${root.version}`,
    );
  },
};
