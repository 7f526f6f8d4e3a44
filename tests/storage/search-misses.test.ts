import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchMissLog } from '../../src/core/ports/search-misses.js';
import { migrate, openDatabase } from '../../src/storage/database.js';
import { migratePostgres, openPostgres, type PgPool } from '../../src/storage/postgres/database.js';
import { PgSearchMissLog } from '../../src/storage/postgres/search-misses.js';
import { SqliteSearchMissLog } from '../../src/storage/search-misses.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

const A = { teamId: 'T0AAA', enterpriseId: '' };
const B = { teamId: 'T0BBB', enterpriseId: 'E0ORG' };
const T0 = Date.parse('2027-03-01T12:00:00Z');

/** The same behaviour from both state stores. */
async function exercise(log: SearchMissLog) {
  await log.record(A, 'sahel drones', T0);
  await log.record(A, 'sahel drones', T0 + 10);
  await log.record(A, 'zither', T0 + 20);
  await log.record(B, 'sahel drones', T0 + 30);
  expect(await log.top(A, T0, 10)).toEqual([
    { query: 'sahel drones', count: 2, lastMs: T0 + 10, teamId: 'T0AAA' },
    { query: 'zither', count: 1, lastMs: T0 + 20, teamId: 'T0AAA' },
  ]);
  expect((await log.top(B, T0, 10)).map((m) => [m.query, m.count])).toEqual([['sahel drones', 1]]);
  expect((await log.top(undefined, T0, 10)).map((m) => [m.teamId, m.query, m.count])).toEqual([
    ['T0AAA', 'sahel drones', 2],
    ['T0BBB', 'sahel drones', 1],
    ['T0AAA', 'zither', 1],
  ]);
  expect(await log.top(A, T0 + 15, 10)).toHaveLength(1);
  expect(await log.purge(T0 + 15)).toBe(2);
  expect((await log.top(A, 0, 10)).map((m) => m.query)).toEqual(['zither']);
}

describe('the search-miss log', () => {
  it('counts per workspace, lists all for the operator, and purges old misses (SQLite)', async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    await exercise(new SqliteSearchMissLog(db));
  });

  describe('on PostgreSQL (real server)', () => {
    let test: TestDatabase;
    let pool: PgPool;
    beforeAll(async () => {
      test = await createTestDatabase();
      pool = openPostgres(test.url, { max: 2 });
      await migratePostgres(pool);
    });
    afterAll(async () => {
      await pool.end();
      await test.drop();
    });
    it('behaves the same', async () => {
      await exercise(new PgSearchMissLog(pool));
    });
  });
});
