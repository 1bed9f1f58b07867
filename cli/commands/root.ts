import { z } from 'zod';
import { decodeBase64, encodeBase64 } from '../../playlists/base64.ts';
import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { PanoError } from '../../playlists/errors.ts';
import { keyIdOf, type KeyPair, type PublicKey } from '../../playlists/keys.ts';
import { parseUnknown } from '../../playlists/parse.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { RootMetadata } from '../../playlists/schemas/root.ts';
import { verifyRootSelf, verifyRootUpdate } from '../../playlists/trust.ts';
import { UsageError, expiresFlag, intFlag, parseCommandArgs, resolveExpires } from '../args.ts';
import type { Command, Io } from '../command.ts';
import { canSign, distinctKeys, readBytes, readKey, readSigningKey, writeNew } from '../files.ts';
import { rootPublish, rootSign, rootSignDetails, rootSignHelp } from './root-sign.ts';

const help = `Usage:
  pano root init --root-key K [--root-key K2 --threshold N] --publisher PUB [--publisher PUB2]
                 [--publisher-threshold N] [--hub PUB] [--approver PUB ... --board-threshold N]
                 [--emergency PUB ... --emergency-threshold N --emergency-max-minutes M]
                 --expires ISO|30d --out root.json
  pano root rotate --from root.json --root-key OLD [--root-key OLD2] [--new-root-key NEW ...]
                 [--threshold N] [--publisher PUB ...] [--publisher-threshold N] [--hub PUB ...]
                 [--approver PUB ... --board-threshold N] [--emergency PUB ... …]
                 --expires ISO|30d --out root-2.json
${rootSignHelp}

root.json is a DSSE envelope (payloadType ${PAYLOAD_TYPES.root}) of the root
metadata: which keys may sign roots and playlists, and how many must.

init: version 1, signed by its own root keys.
  --root-key FILE             a root key (repeat for several). A .key signs; a .pub is
                              only listed (its holder can sign later rotations).
  --threshold N               root signatures required (default 1)
  --publisher FILE            a publisher key, .pub or .key (repeat for several)
  --publisher-threshold N     distinct publisher signatures a playlist needs (default 1)
  --hub FILE                  the hub's online key, .pub (repeat for several hubs): it signs
                              freshness statements. Without it, any one publisher key may.
  --approver FILE             an editorial board member's key, .pub (repeat): with a board,
                              playlists need its threshold of approver signatures and the
                              publisher and hub keys sign device settings only
  --board-threshold N         distinct approver signatures a playlist needs (default 1)
  --emergency FILE            a duty officer's key, .pub (repeat; may be the hub's key): it signs
                              emergency takeovers only (interrupts from the emergency template)
  --emergency-threshold N     distinct emergency signatures a takeover needs (default 1)
  --emergency-max-minutes M   longest takeover the emergency role may sign (default 360)
  --expires ISO|Nd|Nh         expiry: an instant such as 2027-01-01T00:00:00Z, or 365d
  --out FILE                  where to write (never overwritten)

rotate: version N+1, signed by a threshold of the current root keys AND of the new ones.
  --from FILE                 the current signed root
  --root-key FILE             a current root key .key, to sign with (repeat)
  --new-root-key FILE         a key of the new root role, .key (signs) or .pub (repeat);
                              default: keep the current root keys
  --threshold N               new root threshold (default: the current one)
  --publisher FILE            replace the publisher keys (repeat); default: keep them
  --publisher-threshold N     default: the current one
  --hub FILE                  replace the hub keys (repeat); default: keep them
  --approver FILE             replace the board (repeat); default: keep it
  --board-threshold N         default: the current one
  --emergency FILE            replace the emergency role's keys (repeat); default: keep them
  --emergency-threshold N, --emergency-max-minutes M   default: the current ones
  --expires ISO|Nd|Nh         expiry of the new root
  --out FILE                  where to write (never overwritten)

${rootSignDetails}

Screens accept the new root only as the next version of the one they trust.`;

const files = z.array(z.string().min(1));
const common = {
  threshold: intFlag.optional(),
  publisher: files.optional(),
  'publisher-threshold': intFlag.optional(),
  hub: files.optional(),
  approver: files.optional(),
  'board-threshold': intFlag.optional(),
  emergency: files.optional(),
  'emergency-threshold': intFlag.optional(),
  'emergency-max-minutes': intFlag.optional(),
  expires: expiresFlag,
  out: z.string().min(1),
  positionals: z.array(z.string()).max(0, 'takes no arguments after the subcommand'),
};
const InitArgs = z.strictObject({ ...common, 'root-key': files.min(1), publisher: files.min(1) });
const RotateArgs = z.strictObject({ ...common, from: z.string().min(1), 'root-key': files.min(1), 'new-root-key': files.optional() });

const repeat = { type: 'string', multiple: true } as const;
const one = { type: 'string' } as const;
const emergencyOptions = { emergency: repeat, 'emergency-threshold': one, 'emergency-max-minutes': one };
const commonOptions = { threshold: one, publisher: repeat, 'publisher-threshold': one, hub: repeat, approver: repeat, 'board-threshold': one, expires: one, out: one, 'root-key': repeat, ...emergencyOptions };

export const rootCommand: Command = {
  name: 'root',
  summary: 'create (init), rotate, sign or publish the signed root metadata',
  help,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'init') return init(rest, io);
    if (sub === 'rotate') return rotate(rest, io);
    if (sub === 'sign') return rootSign(rest, io);
    if (sub === 'publish') return rootPublish(rest, io);
    throw new UsageError(sub === undefined ? 'expected a subcommand: init, rotate, sign or publish' : `unknown subcommand ${JSON.stringify(sub)}; expected init, rotate, sign or publish`);
  },
};

async function init(argv: string[], io: Io): Promise<void> {
  const args = parseCommandArgs(argv, commonOptions, InitArgs);
  const rootKeys = distinctKeys(await Promise.all(args['root-key'].map(readKey)), '--root-key');
  const publishers = distinctKeys(await Promise.all(args.publisher.map(readKey)), '--publisher');
  const hubs = args.hub ? distinctKeys(await Promise.all(args.hub.map(readKey)), '--hub') : [];
  const approvers = args.approver ? distinctKeys(await Promise.all(args.approver.map(readKey)), '--approver') : [];
  const board = { keys: approvers, threshold: args['board-threshold'] ?? 1 };
  const emergency = await emergencyRole(args, undefined);
  const root = buildRoot(1, resolveExpires(args.expires, new Date()), rootKeys, args.threshold ?? 1, publishers, args['publisher-threshold'] ?? 1, hubs, board, emergency);
  const text = signRoot(root, rootKeys.filter(canSign));
  verifyRootSelf(text); // refuse to write a root that would not verify (e.g. too few signers)
  await writeNew(args.out, text);
  io.out(`wrote ${args.out}: ${describeRoot(root)}`);
}

async function rotate(argv: string[], io: Io): Promise<void> {
  const args = parseCommandArgs(argv, { ...commonOptions, from: one, 'new-root-key': repeat }, RotateArgs);
  const current = verifyRootSelf(await readBytes(args.from)).value;
  const oldSigners = distinctKeys(await Promise.all(args['root-key'].map((p) => readSigningKey(p, '--root-key'))), '--root-key');
  const newRootKeys = args['new-root-key']
    ? distinctKeys(await Promise.all(args['new-root-key'].map(readKey)), '--new-root-key')
    : listedKeys(current, current.roles.root.keyids);
  const publishers = args.publisher
    ? distinctKeys(await Promise.all(args.publisher.map(readKey)), '--publisher')
    : listedKeys(current, current.roles.publisher.keyids);
  const hubs = args.hub ? distinctKeys(await Promise.all(args.hub.map(readKey)), '--hub') : listedKeys(current, current.roles.hub?.keyids ?? []);
  const approvers = args.approver
    ? distinctKeys(await Promise.all(args.approver.map(readKey)), '--approver')
    : listedKeys(current, current.roles.board?.keyids ?? []);
  const board = { keys: approvers, threshold: args['board-threshold'] ?? current.roles.board?.threshold ?? 1 };
  const emergency = await emergencyRole(args, current);
  const root = buildRoot(
    current.version + 1,
    resolveExpires(args.expires, new Date()),
    newRootKeys,
    args.threshold ?? current.roles.root.threshold,
    publishers,
    args['publisher-threshold'] ?? current.roles.publisher.threshold,
    hubs,
    board,
    emergency,
  );
  const signers = new Map<string, KeyPair>();
  for (const k of [...oldSigners, ...newRootKeys.filter(canSign)]) signers.set(k.keyid, k);
  const text = signRoot(root, [...signers.values()]);
  verifyRootUpdate(current, [text], new Date()); // the exact check a screen will make
  await writeNew(args.out, text);
  io.out(`wrote ${args.out}: ${describeRoot(root)} (rotated from v${current.version})`);
}

function buildRoot(
  version: number,
  expires: string,
  rootKeys: PublicKey[],
  threshold: number,
  publishers: PublicKey[],
  publisherThreshold: number,
  hubs: PublicKey[],
  board: { keys: PublicKey[]; threshold: number },
  emergency: { keys: PublicKey[]; threshold: number; maxDurationMinutes: number } | undefined,
): RootMetadata {
  if (board.keys.length === 0 && board.threshold !== 1) throw new UsageError('--board-threshold needs --approver keys');
  const keys: Record<string, { keytype: 'ed25519'; public: string }> = {};
  for (const k of [...rootKeys, ...publishers, ...hubs, ...board.keys, ...(emergency?.keys ?? [])]) keys[k.keyid] = { keytype: 'ed25519', public: encodeBase64(k.publicKey) };
  // Parse what we write: a threshold above the key count fails here with its path.
  return parseUnknown(
    RootMetadata,
    {
      type: 'root',
      version,
      expires,
      keys,
      roles: {
        root: { keyids: rootKeys.map((k) => k.keyid), threshold },
        publisher: { keyids: publishers.map((k) => k.keyid), threshold: publisherThreshold },
        // A statement needs one hub key: any of the hub processes may sign it alone.
        ...(hubs.length ? { hub: { keyids: hubs.map((k) => k.keyid), threshold: 1 } } : {}),
        ...(board.keys.length ? { board: { keyids: board.keys.map((k) => k.keyid), threshold: board.threshold } } : {}),
        ...(emergency ? { emergency: { keyids: emergency.keys.map((k) => k.keyid), threshold: emergency.threshold, maxDurationMinutes: emergency.maxDurationMinutes } } : {}),
      },
    },
    'root',
  );
}

/** The emergency role: from the flags, else (rotate) the current root's; none when neither names keys. */
async function emergencyRole(
  args: { emergency?: string[] | undefined; 'emergency-threshold'?: number | undefined; 'emergency-max-minutes'?: number | undefined },
  current: RootMetadata | undefined,
): Promise<{ keys: PublicKey[]; threshold: number; maxDurationMinutes: number } | undefined> {
  const was = current?.roles.emergency;
  const keys = args.emergency ? distinctKeys(await Promise.all(args.emergency.map(readKey)), '--emergency') : was ? listedKeys(current, was.keyids) : [];
  if (keys.length === 0) {
    if (args['emergency-threshold'] !== undefined || args['emergency-max-minutes'] !== undefined) throw new UsageError('--emergency-threshold and --emergency-max-minutes need --emergency keys');
    return undefined;
  }
  return { keys, threshold: args['emergency-threshold'] ?? was?.threshold ?? 1, maxDurationMinutes: args['emergency-max-minutes'] ?? was?.maxDurationMinutes ?? 360 };
}

function signRoot(root: RootMetadata, signers: KeyPair[]): string {
  if (signers.length === 0) throw new UsageError('no private root key given: at least one --root-key must be a .key file');
  const payload = new TextEncoder().encode(`${JSON.stringify(root, null, 2)}\n`);
  return serializeEnvelope(signEnvelope(PAYLOAD_TYPES.root, payload, signers));
}

function listedKeys(root: RootMetadata, keyids: readonly string[]): PublicKey[] {
  return keyids.map((keyid) => {
    const entry = root.keys[keyid];
    if (!entry) throw new UsageError(`current root lists keyid ${keyid} without its key`);
    const publicKey = decodeBase64(entry.public);
    if (keyIdOf(publicKey) !== keyid) throw new PanoError('SCHEMA_INVALID', `current root: keyid ${keyid} is not the sha256 of its key`);
    return { keyid, publicKey };
  });
}

function describeRoot(root: RootMetadata): string {
  const { root: r, publisher: p, hub: h, board: b, emergency: e } = root.roles;
  const hub = h ? `, ${h.keyids.length} hub key(s)` : '';
  const board = b ? `, a board of ${b.keyids.length} approver(s) (threshold ${b.threshold})` : '';
  const emergency = e ? `, an emergency role of ${e.keyids.length} key(s) (threshold ${e.threshold}, at most ${e.maxDurationMinutes} min)` : '';
  return `root v${root.version}, ${r.keyids.length} root key(s) (threshold ${r.threshold}), ${p.keyids.length} publisher key(s) (threshold ${p.threshold})${hub}${board}${emergency}, expires ${root.expires}`;
}
