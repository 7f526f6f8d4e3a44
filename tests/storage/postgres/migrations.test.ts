import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres, openPostgres, type PgPool } from '../../../src/storage/postgres/database.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';

describe('PostgreSQL migrations (real server)', () => {
  let db: TestDatabase;
  const pools: PgPool[] = [];
  const pool = (max = 2) => {
    const p = openPostgres(db.url, { max });
    pools.push(p);
    return p;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db.drop();
  });

  it('applies every migration once when replicas start together, and again is a no-op', async () => {
    const versions = await Promise.all([
      migratePostgres(pool()),
      migratePostgres(pool()),
      migratePostgres(pool()),
    ]);
    expect(new Set(versions).size).toBe(1);
    const p = pool();
    const applied = await p.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.rows.map((r) => r.version)).toEqual(Array.from({ length: versions[0]! }, (_, i) => i + 1));
    expect(await migratePostgres(p)).toBe(versions[0]);
    const tables = await p.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['notices', 'reminders', 'schema_migrations', 'subscriptions']),
    );
  });

  it('returns epoch milliseconds in BIGINT columns as numbers', async () => {
    const { rows } = await pool().query('SELECT 1764623700000::bigint AS ms');
    expect(rows[0].ms).toBe(1764623700000);
  });

  it('leaves the database as it was when a migration fails, naming it', async () => {
    const p = pool();
    const latest = await migratePostgres(p);
    const broken = [
      {
        version: latest + 1,
        name: `${latest + 1}-broken.sql`,
        sql: 'CREATE TABLE half (id int); SELECT nonsense_fn();',
      },
    ];
    await expect(migratePostgres(p, broken)).rejects.toThrow(/broken\.sql/);
    const half = await p.query(`SELECT to_regclass('public.half') AS t`);
    expect(half.rows[0].t).toBeNull();
  });

  it('refuses a database migrated by a newer version of the bot', async () => {
    const p = pool();
    await migratePostgres(p);
    await expect(migratePostgres(p, [])).rejects.toThrow(/newer/);
  });
});
