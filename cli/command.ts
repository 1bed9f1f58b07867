import { PanoError } from '../playlists/errors.ts';
import { CommandFailed, UsageError } from './args.ts';

/** Where a command writes; the real process streams, or a buffer in tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/**
 * One `pano` subcommand. Each lives in cli/commands/<name>.ts and is listed
 * once in cli/main.ts. `run` throws UsageError (exit 2) or PanoError (exit 1).
 */
export interface Command {
  name: string;
  /** One line for `pano --help`. */
  summary: string;
  /** Full text for `pano <name> --help`: every option. */
  help: string;
  run(argv: string[], io: Io): Promise<void>;
}

export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'pano: signed playlists for Pano signage screens',
    '',
    'Usage: pano <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "pano <command> --help" for its options.',
    'Exit status: 0 done/valid; 1 rejected ("CODE: reason" on stderr) or failed (one line saying why); 2 usage error.',
  ].join('\n');
}

/** Dispatches argv to a command and maps its outcome to an exit status. */
export async function runCli(argv: readonly string[], commands: readonly Command[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp(commands));
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(name === undefined ? mainHelp(commands) : `pano: unknown command ${JSON.stringify(name)}. Run "pano --help".`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    await command.run(rest, io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`pano ${command.name}: ${error.message}\nRun "pano ${command.name} --help" for usage.`);
      return EXIT.usage;
    }
    if (error instanceof CommandFailed) {
      io.err(`pano ${command.name}: ${error.message}`);
      return EXIT.rejected;
    }
    if (error instanceof PanoError) {
      io.err(error.toLine());
      return EXIT.rejected;
    }
    io.err(`INTERNAL: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.rejected;
  }
}
