import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { PanoError } from '../../playlists/errors.ts';
import { parseJson } from '../../playlists/parse.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { DEFAULT_DATA_DIR } from './player-config.ts';

const Args = z.strictObject({ data: z.string().optional(), positionals: z.array(z.string()).max(0, 'no positional arguments') });
const StatusFile = z.looseObject({ state: z.looseObject({ deviceId: z.string(), phase: z.string() }), updatedAt: z.string() });

export const statusCommand: Command = {
  name: 'status',
  summary: "print a player's current state as JSON (from its data folder)",
  help: `Usage: pano status [--data DIR]

Prints what the player last wrote to DIR/status.json: phase, current
playlist, last rejection (code and reason), download progress, cache and
outbox figures, clock skew and recent errors. Works while the player runs
or after it stopped (updatedAt tells when).

Options:
  --data DIR   the player's data folder (default ${DEFAULT_DATA_DIR}, or PANO_DATA)
  -h, --help   show this help`,

  async run(argv, io) {
    const a = parseCommandArgs(argv, { data: { type: 'string' } } as const, Args);
    const dir = resolve(a.data ?? process.env.PANO_DATA ?? DEFAULT_DATA_DIR);
    let text: string;
    try {
      text = await readFile(join(dir, 'status.json'), 'utf8');
    } catch {
      throw new PanoError('MALFORMED', `no status in ${dir}: has a player run with --data ${dir}?`);
    }
    io.out(JSON.stringify(parseJson(StatusFile, text, join(dir, 'status.json')), null, 2));
  },
};
