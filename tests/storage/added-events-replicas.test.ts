import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext, loadConfiguredArchive, migrateSharedStore } from '../../src/context.js';
import { submitEventForm } from '../../src/core/added/event-form.js';
import { runEventCommand } from '../../src/core/commands/index.js';
import { startAddedEventsSync } from '../../src/jobs/added-events-sync.js';
import { fixedClock } from '../helpers/context.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { RELEVANCE_ARCHIVE, RELEVANCE_NOW } from '../helpers/search.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const replica = () =>
  createContext(
    loadConfig({ EVENT_DB: ':memory:', EVENT_ARCHIVE: RELEVANCE_ARCHIVE, DATABASE_URL: db.url }),
    { clock: fixedClock(RELEVANCE_NOW) },
  );
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('events added in Slack with PostgreSQL (real server)', () => {
  it('live in the shared store, and another replica picks them up on its next sync', async () => {
    const a = replica();
    const b = replica();
    try {
      await migrateSharedStore(a);
      await loadConfiguredArchive(a);
      await loadConfiguredArchive(b);
      const syncB = startAddedEventsSync({ ...b.added, logger: quiet, everyMs: 60_000 });
      await syncB.sync();
      const saved = await submitEventForm(
        { title: 'Horn of Africa Security Roundtable', start: '2027-01-20' },
        { userId: 'U0EDITOR1', workspace: { teamId: 'T0A', enterpriseId: '' } },
        { ...a.added, index: a.commands.index, clock: a.clock, zone: 'UTC' },
      );
      expect(saved.ok).toBe(true);
      const find = async (c: typeof a) =>
        (await runEventCommand({ text: 'horn of africa security roundtable' }, c.commands)).reply;
      expect(await find(a)).toMatchObject({ kind: 'event', addedBy: 'U0EDITOR1' });
      expect(await find(b)).not.toMatchObject({ event: { title: 'Horn of Africa Security Roundtable' } });
      await syncB.sync();
      expect(await find(b)).toMatchObject({
        kind: 'event',
        event: { title: 'Horn of Africa Security Roundtable' },
        addedBy: 'U0EDITOR1',
      });
      syncB.stop();
      const { rows } = await a.pool!.query('SELECT team_id, added_by FROM added_events');
      expect(rows).toEqual([{ team_id: 'T0A', added_by: 'U0EDITOR1' }]);
    } finally {
      a.close();
      b.close();
    }
  });
});
