import { join } from 'node:path';
import { z } from 'zod';
import { formatPrivateKeyFile, formatPublicKeyFile, generateKeyPair } from '../../playlists/keys.ts';
import { UsageError, parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { isFile, writeNew } from '../files.ts';

const Args = z.strictObject({
  out: z.string().min(1),
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a file-safe name such as publisher-1'),
  positionals: z.array(z.string()).max(0, 'takes no arguments'),
});

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'create an Ed25519 key pair: NAME.key (private) and NAME.pub',
  help: `Usage: pano keygen --out DIR --name NAME

Creates an Ed25519 key pair:
  DIR/NAME.key  private key, file mode 0600. Keep it secret; root keys offline.
  DIR/NAME.pub  public key, to list in a root with --root-key or --publisher.
Both are JSON (see docs/signing.md). Existing files are never overwritten.

Options:
  --out DIR     folder to write into (created if missing)
  --name NAME   base name of the two files: letters, digits, . _ -
  -h, --help    show this help`,

  async run(argv, io) {
    const args = parseCommandArgs(argv, { out: { type: 'string' }, name: { type: 'string' } }, Args);
    const keyPath = join(args.out, `${args.name}.key`);
    const pubPath = join(args.out, `${args.name}.pub`);
    for (const path of [keyPath, pubPath]) {
      if (await isFile(path)) throw new UsageError(`${path} already exists, refusing to overwrite`);
    }
    const key = generateKeyPair();
    await writeNew(keyPath, formatPrivateKeyFile(key), 0o600);
    await writeNew(pubPath, formatPublicKeyFile(key), 0o644);
    io.out(`wrote ${keyPath} (private, mode 0600) and ${pubPath}; keyid ${key.keyid}`);
  },
};
