import { z } from 'zod';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { parseJsonBytes } from '../../playlists/parse.ts';
import { Envelope } from '../../playlists/schemas/envelope.ts';
import type { RootMetadata } from '../../playlists/schemas/root.ts';
import { contentSigners, explainSignatures } from '../../playlists/trust-roles.ts';
import { DEFAULT_MAX_BYTES, verifyPlaylist, verifyRootSelf, verifyRootUpdate } from '../../playlists/trust.ts';
import { instantFlag, natFlag, onePositional, parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { readBytes } from '../files.ts';

const Args = z.strictObject({
  root: z.array(z.string().min(1)).min(1),
  'trusted-version': natFlag.optional(),
  now: instantFlag.optional(),
  explain: z.boolean().optional(),
  positionals: onePositional('SIGNED.json'),
});

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a signed playlist against a root, as a screen would',
  help: `Usage: pano verify SIGNED.json --root root.json [--root root-2.json ...] [--trusted-version N] [--now ISO] [--explain]

Applies the same checks as a screen: size cap, payloadType, a threshold of
distinct signatures by the content role (the root's board of approvers when
it names one, else its publisher keys), schema, expiry, version.

Options:
  --root FILE            the trusted root; repeat to follow rotations: the first is
                         pinned, each next one must be its valid successor (v+1)
  --trusted-version N    reject versions below N (ROLLBACK)
  --now ISO              check expiry at this instant instead of the clock
  --explain              first list each signature: its key, the role(s) listing
                         that key, and whether it counts toward the threshold
  -h, --help             show this help

Exit status: 0 valid (one-line summary on stdout); 1 rejected ("CODE: reason"
on stderr, e.g. SIGNATURE_INVALID, EXPIRED, ROLLBACK); 2 usage error.`,

  async run(argv, io) {
    const options = { root: { type: 'string', multiple: true }, 'trusted-version': { type: 'string' }, now: { type: 'string' }, explain: { type: 'boolean' } } as const;
    const args = parseCommandArgs(argv, options, Args);
    const now = args.now === undefined ? new Date() : new Date(args.now);

    const [pinned, ...rotations] = await Promise.all(args.root.map((p) => readBytes(p, DEFAULT_MAX_BYTES)));
    const first = verifyRootSelf(pinned!);
    const { root } = verifyRootUpdate(first.value, rotations, now);

    const bytes = await readBytes(args.positionals, DEFAULT_MAX_BYTES);
    if (args.explain) explain(bytes, root, io.out);
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

/** One line per signature, before the verdict, so a refused envelope is explained too. */
function explain(bytes: Uint8Array, root: RootMetadata, out: (line: string) => void): void {
  const envelope = parseJsonBytes(Envelope, bytes, 'envelope', { maxBytes: DEFAULT_MAX_BYTES, maxDepth: 4, maxContainers: 40 });
  const { role, threshold, signatures } = explainSignatures(envelope, root);
  out(`content role: ${role}, threshold ${threshold}`);
  signatures.forEach((s, i) => {
    const who = s.valid ? `key ${s.keyid.slice(0, 16)}… (${s.roles.length ? s.roles.join(', ') : 'no role'})` : 'no valid signature by a key of this root';
    out(`signature ${i + 1}: ${who}: ${s.counts ? 'counts' : s.valid ? `does not count (${role === 'board' && !s.roles.includes(role) ? 'not an approver' : 'not a content key or a repeat'})` : 'does not count'}`);
  });
}
