/**
 * `pano`: the operator's command line. Each subcommand is one file in
 * cli/commands/; to add one, import it and append it to COMMANDS.
 */
import { runCli, type Command } from './command.ts';
import { hubCommand } from './commands/hub.ts';
import { keygenCommand } from './commands/keygen.ts';
import { playerCommand } from './commands/player.ts';
import { rootCommand } from './commands/root.ts';
import { publishCommand } from './commands/publish.ts';
import { signCommand } from './commands/sign.ts';
import { statusCommand } from './commands/status.ts';
import { verifyCommand } from './commands/verify.ts';

const COMMANDS: readonly Command[] = [keygenCommand, rootCommand, signCommand, verifyCommand, hubCommand, publishCommand, playerCommand, statusCommand];

process.exitCode = await runCli(process.argv.slice(2), COMMANDS, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
