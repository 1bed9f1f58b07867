#!/usr/bin/env node
/**
 * `pano`: the operator's command line. Each subcommand is one file in
 * cli/commands/; to add one, import it and append it to COMMANDS.
 */
import { runCli, type Command } from './command.ts';
import { keygenCommand } from './commands/keygen.ts';
import { rootCommand } from './commands/root.ts';
import { signCommand } from './commands/sign.ts';
import { verifyCommand } from './commands/verify.ts';

const COMMANDS: readonly Command[] = [keygenCommand, rootCommand, signCommand, verifyCommand];

process.exitCode = await runCli(process.argv.slice(2), COMMANDS, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
