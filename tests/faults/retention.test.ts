import { describe, expect, it } from 'vitest';
import { purgeFinished } from '../../src/storage/retention.js';
import { fixedClock } from '../helpers/context.js';
import { addReminder, jobContext, REVIEW, TEN_ISSUES } from '../jobs/helpers.js';

describe('purging finished rows after the retention', () => {
  it('deletes finished reminders and notices older than the cut-off, and never an active one', async () => {
    const { context } = await jobContext();
    const nowMs = context.clock.now().getTime();
    const done = addReminder(context, 'U1', REVIEW, '2026-12-01T12:00:00Z');
    const pending = addReminder(context, 'U1', TEN_ISSUES, '2026-12-14T12:00:00Z');
    expect(context.commands.reminders.cancel(done.id, 'U1', nowMs)).toBeTruthy();
    context.commands.reminders.notices.add({ key: 'n1', userId: 'U1', tone: 'info', text: 'hello' }, nowMs);
    context.db.prepare("UPDATE notices SET status = 'sent' WHERE key = 'n1'").run();

    expect(purgeFinished(context.db, nowMs)).toEqual({ reminders: 0, notices: 0, subscriptions: 0 });
    expect(purgeFinished(context.db, nowMs + 1)).toEqual({ reminders: 1, notices: 1, subscriptions: 0 });
    expect((await context.commands.reminders.active('U1')).map((r) => r.id)).toEqual([pending.id]);
    // A notice key purged long ago may be queued again; an active one still may not.
    expect(
      context.commands.reminders.notices.add({ key: 'n1', userId: 'U1', tone: 'info', text: 'again' }, nowMs),
    ).toBe(true);
  });
});

describe('the retention job and missed searches', () => {
  it('purges missed searches older than their own days at start', async () => {
    const { startRetentionJob } = await import('../../src/jobs/retention-job.js');
    const { context } = await jobContext();
    const misses = context.commands.misses!;
    const nowMs = context.clock.now().getTime();
    await misses.record({ teamId: '', enterpriseId: '' }, 'old miss', nowMs - 31 * 86_400_000);
    await misses.record({ teamId: '', enterpriseId: '' }, 'new miss', nowMs - 86_400_000);
    const stop = startRetentionJob({
      purge: () => ({ reminders: 0, notices: 0, subscriptions: 0 }),
      retentionDays: 90,
      misses: { purge: (before) => misses.purge(before), days: 30 },
      clock: context.clock,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await misses.top(undefined, 0, 10)).map((m) => m.query)).toEqual(['new miss']);
  });
});

describe('the retention job on a shared store', () => {
  it('waits for an asynchronous purge, logs what it removed, and logs a failed one instead of throwing', async () => {
    const { startRetentionJob } = await import('../../src/jobs/retention-job.js');
    const said: string[] = [];
    const logger = {
      info: (m: string) => said.push(`info ${m}`),
      warn: (m: string) => said.push(`warn ${m}`),
      error: () => {},
    };
    const clock = fixedClock('2027-03-01T12:00:00Z');
    const purges = [
      async () => ({ reminders: 2, notices: 1, subscriptions: 0 }),
      async () => Promise.reject(new Error('connection terminated')),
    ];

    for (const purge of purges) startRetentionJob({ purge, retentionDays: 90, clock, logger })();
    await new Promise((resolve) => setImmediate(resolve));

    expect(said).toEqual([
      'info purged 2 reminders, 1 notices and 0 subscriptions finished over 90 days ago',
      'warn purging finished reminders failed; trying again later:',
    ]);
  });
});
