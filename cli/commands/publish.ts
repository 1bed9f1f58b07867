import { z } from 'zod';
import { PanoError } from '../../playlists/errors.ts';
import { DEFAULT_MAX_BYTES } from '../../playlists/trust.ts';
import { onePositional, parseCommandArgs, UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { readBytes } from '../files.ts';
import { parseJsonText } from '../../playlists/parse.ts';

const Args = z.strictObject({
  hub: z.url('expected the hub URL, e.g. https://hub.example.vn'),
  token: z.string().min(16, 'expected an API token (Users page → Create token)').optional(),
  positionals: onePositional('SIGNED.json'),
});

const Answer = z.object({ channel: z.string(), version: z.number(), unchanged: z.boolean() });
const ErrorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

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
    const token = args.token ?? process.env.PANO_TOKEN;
    if (!token) throw new UsageError('--token (or PANO_TOKEN) is required');
    const body = await readBytes(args.positionals, DEFAULT_MAX_BYTES);
    let res: Response;
    try {
      res = await fetch(new URL('/api/publish', args.hub), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: Buffer.from(body),
      });
    } catch (error) {
      throw new PanoError('NETWORK', `cannot reach ${args.hub}: ${(error as Error).message}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = parseJsonText(text, 'hub answer', { maxBytes: 1024 * 1024 });
    } catch {
      throw new PanoError('HTTP_STATUS', `hub answered HTTP ${res.status} without JSON`);
    }
    if (!res.ok) {
      const e = ErrorAnswer.safeParse(json);
      throw new PanoError('HTTP_STATUS', e.success ? `hub refused (HTTP ${res.status}) ${e.data.error.code}: ${e.data.error.message}` : `hub answered HTTP ${res.status}`);
    }
    const answer = Answer.parse(json);
    io.out(answer.unchanged ? `Unchanged: ${answer.channel} v${answer.version} was already published` : `Published ${answer.channel} v${answer.version}`);
  },
};
