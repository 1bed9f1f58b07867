import { z } from 'zod';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { contentSigners } from '../../playlists/trust-roles.ts';
import { DEFAULT_MAX_BYTES, verifyPlaylist, verifyRootSelf, verifyRootUpdate } from '../../playlists/trust.ts';
import { instantFlag, natFlag, onePositional, parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { readBytes } from '../files.ts';
import { ExplainLang, explainLines } from './verify-explain.ts';

const Args = z.strictObject({
  root: z.array(z.string().min(1)).min(1),
  'trusted-version': natFlag.optional(),
  now: instantFlag.optional(),
  explain: z.boolean().optional(),
  lang: ExplainLang.optional(),
  positionals: onePositional('SIGNED.json'),
});

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a signed playlist against a root, as a screen would',
  help: `Usage: pano verify SIGNED.json --root root.json [--root root-2.json ...] [--trusted-version N] [--now ISO] [--explain [--lang vi|en]]

Applies the same checks as a screen: size cap, payloadType, a threshold of
distinct signatures by the content role (the root's board of approvers when
it names one, else its publisher keys), schema, expiry, version.

Options:
  --root FILE            the trusted root; repeat to follow rotations: the first is
                         pinned, each next one must be its valid successor (v+1)
  --trusted-version N    reject versions below N (ROLLBACK)
  --now ISO              check expiry at this instant instead of the clock
  --explain              first list each signature: its key, the role(s) listing
                         that key (board, hub, emergency…, or unknown), whether it
                         counts toward the threshold and why not (not in the role,
                         a repeat, invalid), and whether the threshold is met
  --lang vi|en           language of --explain (default en)
  -h, --help             show this help

Exit status: 0 valid (one-line summary on stdout); 1 rejected ("CODE: reason"
on stderr, e.g. SIGNATURE_INVALID, EXPIRED, ROLLBACK); 2 usage error.`,

  async run(argv, io) {
    const options = { root: { type: 'string', multiple: true }, 'trusted-version': { type: 'string' }, now: { type: 'string' }, explain: { type: 'boolean' }, lang: { type: 'string' } } as const;
    const args = parseCommandArgs(argv, options, Args);
    const now = args.now === undefined ? new Date() : new Date(args.now);

    const [pinned, ...rotations] = await Promise.all(args.root.map((p) => readBytes(p, DEFAULT_MAX_BYTES)));
    const first = verifyRootSelf(pinned!);
    const { root } = verifyRootUpdate(first.value, rotations, now);

    const bytes = await readBytes(args.positionals, DEFAULT_MAX_BYTES);
    if (args.explain) for (const line of explainLines(bytes, root, args.lang ?? 'en')) io.out(line);
    const opts = { root, now, payloadSchema: Playlist };
    const { value, keyids } = verifyPlaylist(bytes, args['trusted-version'] === undefined ? opts : { ...opts, trustedVersion: args['trusted-version'] });
    const role = contentSigners(root);
    io.out(
      `OK: ${value.channel} v${value.version}, ${Object.keys(value.assets).length} asset(s), ` +
        `signed by ${keyids.length} of ${role.keys.length} ${role.role === 'board' ? 'approver' : 'publisher'} key(s) (threshold ${role.threshold}), ` +
        `expires ${value.expiresAt}, root v${root.version}`,
    );
  },
};

