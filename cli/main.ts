/**
 * `pano`: the operator's command line. Each subcommand is one file in
 * cli/commands/; to add one, add its loader to COMMANDS.
 */
import { runCli, type Command } from './command.ts';

/**
 * Loaded on demand: `pano player` runs after every boot and power cut, and its
 * start-up should not compile the signing and hub tools first (`pano --help`
 * and an unknown command load them all, for the list).
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  keygen: async () => (await import('./commands/keygen.ts')).keygenCommand,
  root: async () => (await import('./commands/root.ts')).rootCommand,
  sign: async () => (await import('./commands/sign.ts')).signCommand,
  verify: async () => (await import('./commands/verify.ts')).verifyCommand,
  hub: async () => (await import('./commands/hub.ts')).hubCommand,
  publish: async () => (await import('./commands/publish.ts')).publishCommand,
  player: async () => (await import('./commands/player.ts')).playerCommand,
  status: async () => (await import('./commands/status.ts')).statusCommand,
};

const argv = process.argv.slice(2);
const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? COMMANDS[argv[0]] : undefined;
const commands = named ? [await named()] : await Promise.all(Object.values(COMMANDS).map((load) => load()));

process.exitCode = await runCli(argv, commands, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
