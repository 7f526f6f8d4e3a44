import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PgPool } from '../../src/storage/postgres/database.js';

/** The one event the replica tests' reminders are about, far enough ahead never to have begun. */
export const FUTURE_FORUM = {
  id: 'future-forum',
  title: 'Future Forum on Peace Operations',
  start: '2031-06-02T15:00:00Z',
  timezone: 'UTC',
};

/**
 * Writes an archive holding {@link FUTURE_FORUM} into `dir/archive` (returned), and gives `count` people
 * (`U00001`…) each a reminder of it due a second ago, in one statement on the shared store.
 */
export async function seedDueReminders(pool: PgPool, dir: string, count: number): Promise<string> {
  const archive = join(dir, 'archive');
  mkdirSync(archive);
  writeFileSync(join(archive, 'events.json'), JSON.stringify([FUTURE_FORUM]));
  const now = Date.now();
  await pool.query(
    `INSERT INTO reminders (user_id, event_id, event_title, event_start_ms, zone, spec, due_ms, next_ms, created_ms, updated_ms)
     SELECT 'U' || lpad(n::text, 5, '0'), $4, $5, $1, 'UTC',
            json_build_object('kind', 'at', 'atMs', $2::bigint)::text, $2, $2, $2, $2
     FROM generate_series(1, $3) AS n`,
    [Date.parse(FUTURE_FORUM.start), now - 1000, count, FUTURE_FORUM.id, FUTURE_FORUM.title],
  );
  return archive;
}

/** Polls `check` until it holds; throws naming `what` after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
