import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { type AppContext, importIntoContext } from '../../src/context.js';
import { runEventCommand } from '../../src/core/commands/index.js';
import { fixedClock, memoryContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

const NY = 'America/New_York';
const jsonl = (...events: object[]) => events.map((e) => JSON.stringify(e)).join('\n');
const event = (id: string, title: string, start: string) => ({ id, title, start, timezone: NY });
const FORUM = event('forum', 'Peace Operations Forum', '2027-03-15T09:00:00-04:00');
const DINNER = event('dinner', 'Ministerial Dinner', '2027-03-20T19:00:00-04:00');
const SAMPLE = event('sample', '[Sample] Weekly Policy Breakfast', '2027-03-10T08:00:00-05:00');

let context: AppContext;
let dir: string;

beforeEach(async () => {
  context = memoryContext(
    { EVENT_TIMEZONE: NY, EVENT_ARCHIVE: 'unused' },
    fixedClock('2027-03-01T12:00:00Z'),
  );
  dir = tempDir({
    'events/a.jsonl': jsonl(FORUM, DINNER),
    'samples/upcoming.jsonl': jsonl(SAMPLE),
  });
});
afterEach(async () => context.close());

const ids = () =>
  context.db
    .prepare<[], { id: string }>('SELECT id FROM events ORDER BY id')
    .all()
    .map((r) => r.id);
const notices = () =>
  context.db.prepare<[], { user_id: string; text: string }>('SELECT user_id, text FROM notices').all();
const remind = async (words: string, userId: string) =>
  (await runEventCommand({ text: `remind ${words}`, userId, userZone: NY }, context.commands)).reply.kind;

describe('files removed from an archive folder', () => {
  it('take their events along on the next import, cancel their reminders and tell each owner once', async () => {
    await importIntoContext(context, [dir]);
    expect(ids()).toEqual(['dinner', 'forum', 'sample']);
    expect(await remind('weekly policy breakfast', 'U1')).toBe('reminder-set');
    expect(await remind('weekly policy breakfast 2h before', 'U1')).toBe('reminder-set');
    expect(await remind('weekly policy breakfast', 'U2')).toBe('reminder-set');

    rmSync(join(dir, 'samples'), { recursive: true });
    const summary = await importIntoContext(context, [dir]);

    expect(ids()).toEqual(['dinner', 'forum']);
    expect(summary.removedFiles).toEqual([{ file: join(dir, 'samples', 'upcoming.jsonl'), events: 1 }]);
    expect(summary.removed).toBe(1);
    expect(summary.reminders).toMatchObject({ cancelled: 3, notified: 2 });
    expect(
      notices()
        .map((n) => n.user_id)
        .sort(),
    ).toEqual(['U1', 'U2']);
    expect(await context.commands.reminders.active('U1')).toEqual([]);
    expect(context.store.archiveFilePaths()).toEqual([join(dir, 'events', 'a.jsonl')]);
  });

  it('prune a renamed file under its old name, and its events come back under the new one', async () => {
    await importIntoContext(context, [dir]);
    renameSync(join(dir, 'events', 'a.jsonl'), join(dir, 'events', 'b.jsonl'));
    const summary = await importIntoContext(context, [dir]);
    expect(summary.removedFiles.map((f) => f.file)).toEqual([join(dir, 'events', 'a.jsonl')]);
    expect(ids()).toEqual(['dinner', 'forum', 'sample']);
  });

  it('are not pruned while the folder itself is missing: that is reported, and nothing is lost', async () => {
    await importIntoContext(context, [join(dir, 'samples')]);
    rmSync(join(dir, 'samples'), { recursive: true });
    const summary = await importIntoContext(context, [join(dir, 'samples')]);
    expect(summary.problems.map((p) => p.message)).toEqual(['no such file or folder']);
    expect(summary.removedFiles).toEqual([]);
    expect(ids()).toEqual(['sample']);
  });

  it('leave files of other folders alone', async () => {
    await importIntoContext(context, [join(dir, 'events'), join(dir, 'samples')]);
    const summary = await importIntoContext(context, [join(dir, 'events')]);
    expect(summary.removedFiles).toEqual([]);
    expect(ids()).toEqual(['dinner', 'forum', 'sample']);
  });
});

describe('files named one by one', () => {
  it('are never pruned by omission: importing one file leaves the other as it was', async () => {
    const a = join(dir, 'events', 'a.jsonl');
    const sample = join(dir, 'samples', 'upcoming.jsonl');
    await importIntoContext(context, [a, sample]);
    const summary = await importIntoContext(context, [a]);
    expect(summary.removedFiles).toEqual([]);
    expect(ids()).toEqual(['dinner', 'forum', 'sample']);
  });

  it('are not pruned by a folder import elsewhere, even once deleted', async () => {
    const other = tempDir({ 'one.jsonl': jsonl(SAMPLE) });
    await importIntoContext(context, [join(other, 'one.jsonl')]);
    rmSync(join(other, 'one.jsonl'));
    await importIntoContext(context, [join(dir, 'events')]);
    expect(ids()).toEqual(['dinner', 'forum', 'sample']);
  });
});

describe('event-bot import', () => {
  it('reports each removed file and counts its events as removed', async () => {
    mkdirSync(join(dir, 'db'));
    const env = { EVENT_DB: join(dir, 'db', 'events.db'), EVENT_ARCHIVE: dir };
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), interactive: false };
    await runCli(['import', dir], io, env, fixedClock('2027-03-01T12:00:00Z'));
    writeFileSync(join(dir, 'events', 'a.jsonl'), jsonl(FORUM));
    rmSync(join(dir, 'samples'), { recursive: true });
    out.length = 0;
    expect(await runCli(['import', dir], io, env, fixedClock('2027-03-01T12:00:00Z'))).toBe(0);
    expect(out).toEqual([
      `removed file ${join(dir, 'samples', 'upcoming.jsonl')} (1 event)`,
      '1 file(s): 0 added, 0 updated, 1 unchanged, 2 removed, 0 file(s) rejected',
    ]);
  });
});
