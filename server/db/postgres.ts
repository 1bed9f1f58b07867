import pg from 'pg';
import type { Db, Param } from './db.ts';

// BIGINT (ms timestamps, counts, sums) as JS numbers: every value we store fits in 2^53.
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
};

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  // An idle connection that PostgreSQL drops (a restart, a failover, a network cut) is an 'error' event
  // on the pool; unheard, Node throws it and the hub dies. pg-pool has already discarded that client:
  // the next query opens a new connection, and queries running at that moment fail on their own.
  pool.on('error', (error) => console.error(`PostgreSQL: an idle connection was lost (${error.message}); the next query opens a new one`));
  // Fail fast with a clear message instead of on the first request.
  const probe = await pool.connect().catch((error: Error) => {
    throw new Error(`cannot connect to PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}: ${error.message}`);
  });
  probe.release();
  return wrap(pool, pool);
}

type Queryable = pg.Pool | pg.PoolClient;

function wrap(q: Queryable, pool: pg.Pool): Db {
  const query = async (sql: string, params: readonly Param[] = []) => q.query(sql, params as Param[]);
  return {
    kind: 'postgres',
    all: async <T>(sql: string, params?: readonly Param[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly Param[]) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql, params) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
    async runEach(sql, rows) {
      const changes: number[] = [];
      for (const params of rows) changes.push((await query(sql, params)).rowCount ?? 0);
      return changes;
    },
    exec: async (sql) => {
      await q.query(sql);
    },
    async tx(fn) {
      if (q !== pool) return fn(wrap(q, pool));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, pool));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => (q === pool ? pool.end() : Promise.resolve()),
  };
}
