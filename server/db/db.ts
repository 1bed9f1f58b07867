/**
 * The hub's one database interface. SQL is written once, with `$1…` placeholders,
 * in the subset SQLite and PostgreSQL share (TEXT, BIGINT, INTEGER 0/1 for booleans,
 * ms timestamps, ON CONFLICT … DO, no SERIAL): every query runs on both.
 */
import type { SqliteOptions } from './sqlite.ts';

export type Param = string | number | null;

export interface Db {
  readonly kind: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  run(sql: string, params?: readonly Param[]): Promise<{ changes: number }>;
  /** Runs one statement once per parameter list, in order (one prepared statement, no await between rows on SQLite); returns each run's changes. */
  runEach(sql: string, rows: readonly (readonly Param[])[]): Promise<number[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDb(options: { url?: string | undefined; file: string; sqlite?: SqliteOptions | undefined }): Promise<Db> {
  const db = options.url?.startsWith('postgres')
    ? await (await import('./postgres.ts')).openPostgres(options.url)
    : (await import('./sqlite.ts')).openSqlite(options.file, options.sqlite);
  const { migrate } = await import('./migrations.ts');
  await migrate(db);
  return db;
}
