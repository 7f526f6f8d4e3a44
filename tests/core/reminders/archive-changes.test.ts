import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importArchive } from '../../../src/archive/import-archive.js';
import type { AppContext } from '../../../src/context.js';
import { runEventCommand } from '../../../src/core/commands/index.js';
import { applyArchiveChanges } from '../../../src/core/reminders/apply-archive-changes.js';
import { fixedClock, memoryContext } from '../../helpers/context.js';
import { tempDir } from '../../helpers/temp.js';

const NY = 'America/New_York';
const jsonl = (...events: object[]) => events.map((e) => JSON.stringify(e)).join('\n');
const forum = {
  id: 'forum',
  title: 'Peace Operations Forum',
  start: '2027-03-15T09:00:00-04:00',
  timezone: NY,
};
const dinner = {
  id: 'dinner',
  title: 'Ministerial Dinner',
  start: '2027-03-20T19:00:00-04:00',
  timezone: NY,
};

let context: AppContext;
let dir: string;
const load = async (files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return await importArchive([dir], context.store, { now: context.clock.now(), defaultZone: NY });
};
const remind = async (text: string, userId = 'U1') =>
  (await runEventCommand({ text: `remind ${text}`, userId, userZone: NY }, context.commands)).reply;
const active = async (userId = 'U1') =>
  (await context.commands.reminders.active(userId)).map((r) => [r.eventId, new Date(r.dueMs).toISOString()]);
const noticeRows = () =>
  context.db.prepare('SELECT key, user_id AS userId, text FROM notices ORDER BY id').all() as {
    key: string;
    userId: string;
    text: string;
  }[];

beforeEach(async () => {
  context = memoryContext(
    { EVENT_TIMEZONE: NY, EVENT_ARCHIVE: 'unused' },
    fixedClock('2027-03-01T12:00:00Z'),
  );
  dir = tempDir({ 'a.jsonl': jsonl(forum, dinner) });
  await load({});
});

describe('applyArchiveChanges', () => {
  it('moves relative reminders with their event, keeping their rule across the DST change', async () => {
    await remind('forum 1 day before');
    expect((await remind('forum at 7am on the day')).kind).toBe('reminder-set');
    const summary = await load({
      'a.jsonl': jsonl({ ...forum, start: '2027-03-08T10:00:00-05:00' }, dinner),
    });
    expect(summary.changedIds).toEqual(['forum']);
    const report = await applyArchiveChanges(summary, context.commands);
    expect(report).toEqual({ updated: 2, cancelled: 0, missed: 0, notified: 0 });
    expect(await active()).toEqual([
      ['forum', '2027-03-07T15:00:00.000Z'], // Sunday 10:00 EST
      ['forum', '2027-03-08T12:00:00.000Z'], // Monday 07:00 EST
    ]);
    expect((await context.commands.reminders.active('U1'))[0].eventStartMs).toBe(
      Date.parse('2027-03-08T15:00:00Z'),
    );
  });

  it('keeps a fixed-time reminder while it is still before the event, and cancels it with a notice when not', async () => {
    await remind('dinner mar 18 12:00');
    await load({ 'a.jsonl': jsonl(forum, { ...dinner, start: '2027-03-19T19:00:00-04:00' }) });
    expect(await active()).toEqual([['dinner', '2027-03-18T16:00:00.000Z']]);
    const summary = await load({
      'a.jsonl': jsonl(forum, { ...dinner, start: '2027-03-17T19:00:00-04:00' }),
    });
    expect(await applyArchiveChanges(summary, context.commands)).toMatchObject({ cancelled: 1, notified: 1 });
    expect(await active()).toEqual([]);
    expect((await noticeRows())[0].text).toMatch(
      /moved to Wednesday, 17 March 2027 at 19:00 EDT, before your reminder/,
    );
  });

  it('fires a relative reminder at once when the event moved so close that its time has passed', async () => {
    await remind('forum 1 day before');
    const summary = await load({
      'a.jsonl': jsonl({ ...forum, start: '2027-03-01T18:00:00-05:00' }, dinner),
    });
    await applyArchiveChanges(summary, context.commands);
    expect(await active()).toEqual([['forum', '2027-03-01T12:00:00.000Z']]);
  });

  it('keeps one reminder when two rules both fall due at once after the event moved closer', async () => {
    await remind('forum 1 day before');
    await remind('forum 2h before');
    const summary = await load({
      'a.jsonl': jsonl({ ...forum, start: '2027-03-01T08:30:00-05:00' }, dinner),
    });
    expect(await applyArchiveChanges(summary, context.commands)).toMatchObject({ updated: 2 });
    expect(await active()).toEqual([['forum', '2027-03-01T12:00:00.000Z']]);
  });

  it('cancels reminders of a removed event and tells each user once', async () => {
    await remind('forum 1 day before');
    await remind('forum 2h before');
    await remind('forum', 'U2');
    await remind('dinner');
    const summary = await load({ 'a.jsonl': jsonl(dinner) });
    expect(summary.removedIds).toEqual(['forum']);
    expect(await applyArchiveChanges(summary, context.commands)).toEqual({
      updated: 0,
      cancelled: 3,
      missed: 0,
      notified: 2,
    });
    expect(await active()).toEqual([['dinner', '2027-03-19T23:00:00.000Z']]);
    expect((await noticeRows()).map((n) => [n.key, n.userId])).toEqual([
      ['event-removed:U1:forum', 'U1'],
      ['event-removed:U2:forum', 'U2'],
    ]);
    expect((await noticeRows())[0].text).toMatch(
      /“Peace Operations Forum” \(Monday, 15 March 2027 at 09:00 EDT\) is no longer/,
    );
    // Running it again (say, after a restart) tells no one twice.
    expect(await applyArchiveChanges(summary, context.commands)).toMatchObject({ cancelled: 0, notified: 0 });
    expect(await noticeRows()).toHaveLength(2);
  });

  it('keeps reminders of an event that moved to another file in the same import', async () => {
    await remind('forum');
    const summary = await load({ 'a.jsonl': jsonl(dinner), 'b.jsonl': jsonl(forum) });
    expect(summary.removedIds).toEqual(['forum']);
    expect(await applyArchiveChanges(summary, context.commands)).toMatchObject({ cancelled: 0, notified: 0 });
    expect(await active()).toHaveLength(1);
  });

  it('follows a new title without moving the reminder', async () => {
    await remind('forum');
    const summary = await load({
      'a.jsonl': jsonl({ ...forum, title: 'Peace Operations Forum (rescheduled room)' }, dinner),
    });
    expect(await applyArchiveChanges(summary, context.commands)).toMatchObject({ updated: 1 });
    expect((await context.commands.reminders.active('U1'))[0].eventTitle).toBe(
      'Peace Operations Forum (rescheduled room)',
    );
    expect(await active()).toEqual([['forum', '2027-03-14T13:00:00.000Z']]);
  });
});
