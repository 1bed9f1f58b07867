import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { z } from 'zod';
import { Instant } from '../playlists/schemas/common.ts';

/** Bad flags, missing files, refused overwrites: the command could not run as asked (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command could not do its job for a reason outside its arguments (a busy port): one line, exit 1. */
export class CommandFailed extends Error {
  override readonly name = 'CommandFailed';
}

/**
 * node:util parseArgs (strict: unknown flags are errors), then zod over the
 * result so every command gets typed, validated options. Issues name the flag.
 */
export function parseCommandArgs<S extends z.ZodType>(argv: readonly string[], options: ParseArgsOptionsConfig, schema: S): z.infer<S> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const [head, ...rest] = issue.path.map(String);
    const where = head === 'positionals' ? 'arguments' : head === undefined ? 'options' : `--${head}`;
    const missing = issue.code === 'invalid_type' && rest.length === 0 && head !== undefined && parsed.values[head] === undefined;
    return `${where}${rest.length ? ` (${rest.join('.')})` : ''}: ${missing ? 'is required' : issue.message}`;
  });
  throw new UsageError(lines.join('; '));
}

/** A positive integer flag, given as text. */
export const intFlag = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, 'expected a positive integer')
  .transform(Number);

/** A non-negative integer flag (versions may be 0 = nothing trusted yet). */
export const natFlag = z
  .string()
  .regex(/^(0|[1-9]\d{0,14})$/, 'expected a non-negative integer')
  .transform(Number);

export const instantFlag = Instant;

/** `--expires`: an RFC 3339 instant, or a span from now such as 30d or 12h. */
export const expiresFlag = z.string().regex(/^(\d{1,5}[dh]|\d{4}-.+)$/, 'expected an ISO instant (2027-01-01T00:00:00Z) or a span such as 30d or 12h');

export function resolveExpires(text: string, now: Date): string {
  const span = /^(\d{1,5})([dh])$/.exec(text);
  if (span) {
    const hours = Number(span[1]) * (span[2] === 'd' ? 24 : 1);
    if (hours === 0) throw new UsageError('--expires: a span must be longer than zero');
    const seconds = Math.floor(now.getTime() / 1000) + hours * 3600;
    return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
  }
  if (!Instant.safeParse(text).success) throw new UsageError(`--expires: ${JSON.stringify(text)} is not an ISO instant with offset`);
  if (Date.parse(text) <= now.getTime()) throw new UsageError(`--expires: ${text} is in the past`);
  return text;
}

/** Exactly one positional argument, named for the error message. */
export const onePositional = (name: string) =>
  z.array(z.string()).length(1, `expected exactly one ${name}`).transform((p) => p[0]!);
