import { z } from 'zod';
import { DEFAULT_MAX_BYTES } from '../../playlists/trust.ts';
import { onePositional, parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { readBytes } from '../files.ts';
import { hubToken, postSigned } from '../hub-post.ts';

const Args = z.strictObject({
  hub: z.url('expected the hub URL, e.g. https://hub.example.vn'),
  token: z.string().min(16, 'expected an API token (Users page → Create token)').optional(),
  positionals: onePositional('SIGNED.json'),
});

const Answer = z.object({ channel: z.string(), version: z.number(), unchanged: z.boolean() });

export const publishCommand: Command = {
  name: 'publish',
  summary: 'publish a playlist signed offline to a hub',
  help: `Usage: pano publish SIGNED.json --hub URL [--token T]

Uploads an envelope made with "pano sign". The hub verifies it against its
current root (publisher threshold, expiry, version higher than what it serves)
and pushes it to the screens in its audience.

Options:
  --hub URL     the hub's address
  --token T     an API token of an approver or admin (or set PANO_TOKEN)
  -h, --help    show this help

Exit status: 0 published; 1 refused by the hub ("CODE: reason"); 2 usage error.`,

  async run(argv, io) {
    const args = parseCommandArgs(argv, { hub: { type: 'string' }, token: { type: 'string' } }, Args);
    const token = hubToken(args.token);
    const body = await readBytes(args.positionals, DEFAULT_MAX_BYTES);
    const answer = await postSigned(args.hub, '/api/publish', token, body, Answer);
    io.out(answer.unchanged ? `Unchanged: ${answer.channel} v${answer.version} was already published` : `Published ${answer.channel} v${answer.version}`);
  },
};
