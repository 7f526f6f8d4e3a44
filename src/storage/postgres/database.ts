import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { readMigrations } from '../database.js';

export type PgPool = pg.Pool;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** BIGINT columns hold epoch milliseconds, well inside a double; pg hands them over as strings by default. */
const INT8_OID = 20;
/** pg, loaded on first use: a replica without `DATABASE_URL` (and every CLI command) never pays for it. */
const loadPg = () => createRequire(import.meta.url)('pg') as typeof pg;

/** A connection pool to the shared PostgreSQL database (`DATABASE_URL`), with our type parsing in one place. */
export function openPostgres(url: string, options: { max?: number } = {}): PgPool {
  const driver = loadPg();
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID
        ? (v: string) => Number(v)
        : driver.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new driver.Pool({ connectionString: url, max: options.max ?? 10, types });
  // An idle client losing its connection (a server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

/** Any replica may start first: this advisory lock makes the others wait while one migrates. */
const MIGRATION_LOCK = 0x65766e74;

/**
 * Applies every numbered migration of `src/storage/postgres/migrations` not yet recorded in
 * `schema_migrations`, each in its own transaction with its record. Replicas starting together take
 * a transaction-scoped advisory lock first, so exactly one applies each migration.
 */
export async function migratePostgres(
  pool: PgPool,
  migrations = readMigrations(MIGRATIONS_DIR),
): Promise<number> {
  const client = await pool.connect();
  try {
    // Even CREATE TABLE IF NOT EXISTS races with itself, so it too runs under the lock.
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    await client.query('COMMIT');
    const latest = migrations.at(-1)?.version ?? 0;
    const before = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_migrations',
    );
    if ((before.rows[0]?.v ?? 0) > latest) {
      throw new Error(
        `shared database schema version ${before.rows[0]?.v} is newer than this program knows (${latest}); upgrade the bot`,
      );
    }
    for (const m of migrations) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (done.rowCount === 0) {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            m.version,
            m.name,
          ]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`PostgreSQL migration ${m.name} failed: ${(error as Error).message}`);
      }
    }
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_migrations',
    );
    return rows[0]?.v ?? 0;
  } finally {
    client.release();
  }
}

/** Runs `fn` in one transaction on one client of the pool; rolls back when it throws. */
export async function inTransaction<T>(pool: PgPool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
