import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type AppContext, createContext, loadConfiguredArchive } from '../../src/context.js';
import { runEventCommand } from '../../src/core/commands/index.js';
import type { CommandResult } from '../../src/core/commands/reply.js';
import type { Workspace } from '../../src/core/reminders/model.js';
import { createReminderDispatcher } from '../../src/jobs/reminder-dispatcher.js';
import { type CommandRunner, workerPoolRunner } from '../../src/slack/command-runner.js';
import { archiveDatabasePath } from '../../src/storage/workspace-archives.js';
import { fixedClock } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

const A: Workspace = { teamId: 'T0AAA', enterpriseId: '' };
const B: Workspace = { teamId: 'T0BBB', enterpriseId: '' };
const OTHER: Workspace = { teamId: 'T0ZZZ', enterpriseId: '' };
const NOW = '2027-03-01T12:00:00Z';

const event = (id: string, title: string, start = '2027-03-10T15:00:00Z') => ({
  id,
  title,
  start,
  timezone: 'UTC',
  summary: `${title}, a forum on peacekeeping.`,
});

/** Three archives: the default one and one each for workspaces A and B, all about "peacekeeping". */
function archives() {
  return tempDir({
    'default/events.json': JSON.stringify([event('default-forum', 'Default Peacekeeping Forum')]),
    'a/events.json': JSON.stringify([event('coalition-forum', 'Coalition Peacekeeping Summit')]),
    'b/events.json': JSON.stringify([
      event('ngo-forum', 'NGO Peacekeeping Roundtable'),
      event('ngo-dinner', 'NGO Peacekeeping Dinner', '2027-03-20T18:00:00Z'),
    ]),
  });
}

const titles = (r: CommandResult): string => JSON.stringify(r.reply);

let contexts: AppContext[] = [];
let runners: CommandRunner[] = [];
afterEach(async () => {
  for (const r of runners) await r.close();
  for (const c of contexts) c.close();
  runners = [];
  contexts = [];
});

async function start(dir: string, db = join(dir, 'events.db')) {
  const config = loadConfig({
    EVENT_DB: db,
    EVENT_ARCHIVE: join(dir, 'default'),
    WORKSPACE_ARCHIVES: `T0AAA=${join(dir, 'a')};T0BBB=${join(dir, 'b')}`,
  });
  const context = createContext(config, { clock: fixedClock(NOW) });
  contexts.push(context);
  await loadConfiguredArchive(context);
  return context;
}

describe('WORKSPACE_ARCHIVES: which archive a workspace sees', () => {
  it('reads the mapping: team or org ids to archive paths, several paths each', () => {
    const config = loadConfig({ WORKSPACE_ARCHIVES: 'T0AAA=archives/a, more/a.jsonl ; E0ORG=archives/org' });
    expect(config.workspaceArchives).toEqual([
      { workspace: 'T0AAA', paths: ['archives/a', 'more/a.jsonl'] },
      { workspace: 'E0ORG', paths: ['archives/org'] },
    ]);
    expect(loadConfig({}).workspaceArchives).toEqual([]);
    expect(() => loadConfig({ WORKSPACE_ARCHIVES: 'archives/a' })).toThrow(/WORKSPACE_ARCHIVES/);
    expect(() => loadConfig({ WORKSPACE_ARCHIVES: 'T0AAA=' })).toThrow(/WORKSPACE_ARCHIVES/);
    expect(() => loadConfig({ WORKSPACE_ARCHIVES: 'T0AAA=x;T0AAA=y' })).toThrow(/T0AAA.*twice/);
  });

  it('gives each archive its own SQLite cache beside the main database, shared by workspaces naming the same files', () => {
    expect(archiveDatabasePath('var/events.db', ['a'])).toMatch(/^var\/events\.archive-[0-9a-f]{12}\.db$/);
    expect(archiveDatabasePath('var/events.db', ['a'])).toBe(archiveDatabasePath('var/events.db', ['a']));
    expect(archiveDatabasePath('var/events.db', ['a'])).not.toBe(archiveDatabasePath('var/events.db', ['b']));
    expect(archiveDatabasePath(':memory:', ['a'])).toBe(':memory:');
  });

  it('shows two workspaces their own events and never each other’s, on the command workers too', async () => {
    const dir = archives();
    const context = await start(dir);
    const runner = workerPoolRunner(context.config, 1);
    runners.push(runner);
    const ask = (workspace: Workspace, text: string) =>
      runner.command({ text, userId: 'U1', workspace, channelId: 'C1' });

    const a = titles(await ask(A, 'peacekeeping'));
    const b = titles(await ask(B, 'peacekeeping'));
    const other = titles(await ask(OTHER, 'peacekeeping'));
    expect(a).toContain('Coalition Peacekeeping Summit');
    expect(a).not.toMatch(/NGO|Default Peacekeeping/);
    expect(b).toMatch(/NGO Peacekeeping (Roundtable|Dinner)/);
    expect(b).not.toMatch(/Coalition|Default Peacekeeping/);
    // A workspace the mapping does not name sees the default archive.
    expect(other).toContain('Default Peacekeeping Forum');
    expect(other).not.toMatch(/Coalition|NGO/);
    // Upcoming, and opening another workspace's event by id, stay inside the workspace's archive too.
    expect(titles(await ask(A, 'upcoming next month'))).not.toContain('NGO');
    expect(titles(await ask(A, 'ngo-forum'))).not.toContain('NGO Peacekeeping Roundtable');
    expect(titles(await ask(B, 'ngo-forum'))).toContain('NGO Peacekeeping Roundtable');
  });

  it('sends a workspace’s reminder of an event only its archive has (and cancels it in none)', async () => {
    const dir = archives();
    const context = await start(dir, ':memory:');
    const remind = await runEventCommand(
      { text: 'remind ngo-dinner in 10 minutes', userId: 'U1', workspace: B, channelId: 'C1' },
      context.commands,
    );
    expect(titles(remind)).toContain('NGO Peacekeeping Dinner');
    const posted: string[] = [];
    const clock = fixedClock('2027-03-01T12:30:00Z');
    const dispatcher = createReminderDispatcher({
      reminders: context.commands.reminders,
      subscriptions: context.commands.subscriptions,
      index: context.commands.index,
      indexFor: context.commands.indexFor,
      notifier: {
        post: async (m) => {
          posted.push(JSON.stringify(m.reply));
          return { ok: true, ts: '1.1', channelId: 'D1' };
        },
      },
      clock,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      zone: 'UTC',
    });
    expect(await dispatcher.tick()).toMatchObject({ sent: 1, cancelled: 0 });
    expect(posted[0]).toContain('NGO Peacekeeping Dinner');
  });

  it('lets reminders follow only the archive their workspace sees', async () => {
    const dir = archives();
    const shared = event('shared-forum', 'Shared Peacekeeping Forum', '2027-04-01T15:00:00Z');
    writeFileSync(join(dir, 'default', 'events.json'), JSON.stringify([shared]));
    writeFileSync(join(dir, 'b', 'events.json'), JSON.stringify([shared]));
    const context = await start(dir);
    const remind = await runEventCommand(
      { text: 'remind shared-forum 1 day before', userId: 'U1', workspace: B, channelId: 'C1' },
      context.commands,
    );
    expect(titles(remind)).toContain('Shared Peacekeeping Forum');

    // The default archive drops the event; B's archive still has it, so B's reminder stays.
    writeFileSync(join(dir, 'default', 'events.json'), JSON.stringify([event('other', 'Another Forum')]));
    const summary = await loadConfiguredArchive(context);
    expect(summary.removed).toBe(1);
    expect(summary.reminders.cancelled).toBe(0);
    expect((await context.commands.reminders.forWorkspace(B).active('U1')).map((r) => r.eventId)).toEqual([
      'shared-forum',
    ]);
  });
});
