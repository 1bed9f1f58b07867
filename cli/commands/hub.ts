import { resolve } from 'node:path';
import { z } from 'zod';
import { TimeZone } from '../../playlists/schemas/common.ts';
import { CommandFailed, parseCommandArgs, UsageError } from '../args.ts';
import type { Command, Io } from '../command.ts';
import { stopSignal } from '../signals.ts';

const Port = z
  .string()
  .regex(/^\d{1,5}$/, 'expected a port number')
  .transform(Number)
  .refine((p) => p <= 65_535, 'expected a port number');
const DatabaseUrl = z.string().regex(/^postgres(ql)?:\/\//, 'expected postgres://user:password@host/db');

const ServeArgs = z.strictObject({
  port: Port.default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  data: z.string().min(1).default('pano-hub-data'),
  database: DatabaseUrl.optional(),
  'public-url': z.url().optional(),
  root: z.string().min(1).optional(),
  'publisher-key': z.string().min(1).optional(),
  'time-zone': TimeZone.default('Asia/Ho_Chi_Minh'),
  positionals: z.array(z.string()).max(0, 'unexpected argument'),
});

const ExportArgs = z.strictObject({
  out: z.string().min(1),
  data: z.string().min(1).default('pano-hub-data'),
  database: DatabaseUrl.optional(),
  positionals: z.array(z.string()).length(1),
});

const help = `Usage: pano hub [--port 8080] [--host 127.0.0.1] [--data DIR] [--database postgres://…]
                [--public-url URL] [--root ROOT.json] [--publisher-key KEY] [--time-zone ZONE]
       pano hub export --out DIR [--data DIR] [--database postgres://…]

Runs the hub: pairing, publishing, push, proof of play, and the studio (the operators'
web app, served at the hub's address; build it with npm run build:studio).

Options:
  --port N             listen port (default 8080)
  --host ADDR          listen address (default 127.0.0.1; 0.0.0.0 for the LAN)
  --data DIR           data folder: SQLite database, media, keys (default ./pano-hub-data)
  --database URL       use PostgreSQL instead of SQLite (same schema, same features)
  --public-url URL     the URL screens and browsers use (default: the Host they connect to);
                       https:// here makes session cookies Secure
  --root FILE          a root envelope made offline (pano root init/rotate); stored if new
  --publisher-key FILE the publisher key named in that root; copied to DIR/keys/
                       Without any root the first start makes a labelled DEMO root.
  --time-zone ZONE     the zone the studio shows dates and times in (default Asia/Ho_Chi_Minh)

  export --out DIR     write signed playlists (feed/<channel>.json), roots (feed/root/N.json)
                       and media (media/<sha256>) as plain files for nginx or a CDN

Docs: docs/hub.md`;

async function serve(argv: string[], io: Io): Promise<void> {
  const options = {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    database: { type: 'string' },
    'public-url': { type: 'string' },
    root: { type: 'string' },
    'publisher-key': { type: 'string' },
    'time-zone': { type: 'string' },
  } as const;
  const args = parseCommandArgs(argv, options, ServeArgs);
  // The hub's modules load only for `pano hub`: a screen's `pano player` starts without them.
  const [{ createHub, ListenError }, { clockFromEnv }] = await Promise.all([import('../../server/hub.ts'), import('../../core/util/clock-env.ts')]);
  const clock = clockFromEnv(process.env);
  const hub = await createHub({
    now: clock.now,
    dataDir: args.data,
    databaseUrl: args.database,
    port: args.port,
    host: args.host,
    publicUrl: args['public-url'],
    rootFile: args.root,
    publisherKeyFile: args['publisher-key'],
    secureCookies: args['public-url']?.startsWith('https:') ? true : 'auto',
    timeZone: args['time-zone'],
    log: (line) => io.err(line),
  }).catch((error: unknown) => {
    throw error instanceof ListenError ? new CommandFailed(error.message) : error;
  });
  const stopped = stopSignal();
  for (const line of hub.notices) io.err(line);
  const url = args['public-url'] ?? hub.url;
  io.out(`Pano hub on ${url} (data ${resolve(args.data)}, ${args.database ? 'PostgreSQL' : 'SQLite'})`);
  if (hub.firstAdmin) {
    io.out('');
    io.out('First start: an admin account was created. Sign in once and add your own users:');
    io.out(`  ${url}/login   user: ${hub.firstAdmin.username}   password: ${hub.firstAdmin.password}`);
    io.out('(shown only this once)');
  }
  await stopped;
  await hub.close();
}

export const hubCommand: Command = {
  name: 'hub',
  summary: 'run the hub (studio, pairing, publishing, reports), or export it as static files',
  help,
  async run(argv, io) {
    if (argv[0] !== 'export') return serve(argv, io);
    const args = parseCommandArgs(argv, { out: { type: 'string' }, data: { type: 'string' }, database: { type: 'string' } }, ExportArgs);
    const dataDir = resolve(args.data);
    const [{ openDb }, { exportStatic }] = await Promise.all([import('../../server/db/db.ts'), import('../../server/export.ts')]);
    const db = await openDb({ url: args.database, file: `${dataDir}/hub.sqlite` }).catch((error: Error) => {
      throw new UsageError(`cannot open the hub database: ${error.message}`);
    });
    try {
      const summary = await exportStatic(db, dataDir, args.out);
      for (const c of summary.channels) io.out(`${c.file}  ${c.channel} v${c.version}`);
      io.out(`Exported ${summary.channels.length} playlist(s), ${summary.roots} root(s), ${summary.media} media file(s) to ${resolve(args.out)}`);
    } finally {
      await db.close();
    }
  },
};
