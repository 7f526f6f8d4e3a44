import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/commands/reply.js';
import {
  addReminder,
  dispatcher,
  fakeNotifier,
  HUMANITARIAN,
  jobContext,
  REVIEW,
  statuses,
  TEN_ISSUES,
} from './helpers.js';

const MINUTE = 60_000;
const keys = (list: { key: string }[]) => list.map((d) => d.key).sort();

describe('the reminder dispatcher', () => {
  it('sends a due reminder once, as a DM with the event card, how soon it starts and calendar links', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);
    const r = addReminder(context, 'U1', REVIEW, '2026-11-29T12:01:00Z');

    expect((await d.tick()).claimed).toBe(0);
    clock.advance(MINUTE);
    expect(await d.tick()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await d.tick()).toMatchObject({ claimed: 0, sent: 0 });

    expect(fake.delivered).toHaveLength(1);
    const [post] = fake.delivered;
    expect(post.to).toEqual({ kind: 'user', userId: 'U1', workspace: { teamId: '', enterpriseId: '' } });
    expect(post.key).toBe(`reminder:${r.id}`);
    const reply = post.reply as Extract<Reply, { kind: 'reminder-due' }>;
    expect(reply).toMatchObject({
      kind: 'reminder-due',
      startsIn: 'in 4 days',
      startText: 'Thursday, 3 December 2026 at 13:15 EST',
      late: false,
    });
    expect(reply.event.id).toBe(REVIEW);
    expect(reply.calendar.google).toMatch(
      /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE/,
    );
    expect(await context.commands.reminders.active('U1')).toEqual([]);
    expect(context.db.prepare('SELECT status, sent_ts, channel_id FROM reminders').get()).toEqual({
      status: 'sent',
      sent_ts: post.ts,
      channel_id: 'D-U1',
    });
  });

  it('survives a crash in the middle of a batch: nothing lost, nothing sent twice', async () => {
    const { context, clock } = await jobContext();
    const slack = fakeNotifier({ clock, findable: true });
    for (let n = 1; n <= 20; n++) addReminder(context, `U${n}`, REVIEW, '2026-11-29T12:00:00Z');
    // The first 7 posts succeed; the 8th reaches Slack but the process dies before hearing back, and the
    // posts in flight with it never get there.
    slack.script((n) => (n <= 7 ? 'ok' : n === 8 ? 'deliver-then-hang' : 'hang'));
    const before = dispatcher(context, clock, slack.notifier, { concurrency: 4, postTimeoutMs: 0 });
    void before.dispatcher.tick();
    await slack.callsReached(11);
    expect(slack.delivered).toHaveLength(8);

    // A new process on the same database. The dead one's claims are left alone until their lease ends.
    slack.script(() => 'ok');
    const after = dispatcher(context, clock, slack.notifier, { concurrency: 4 });
    clock.advance(30_000);
    expect((await after.dispatcher.tick()).claimed).toBe(0);
    clock.advance(31_000);
    const report = await after.dispatcher.tick();

    expect(report).toMatchObject({ claimed: 13, recovered: 1, sent: 12, failed: 0 });
    expect(keys(slack.delivered)).toEqual([...new Set(keys(slack.delivered))]);
    expect(slack.delivered).toHaveLength(20);
    expect(Object.values(statuses(context))).toEqual(Array(20).fill('sent'));
    expect(after.log.lines.some((l) => /found in Slack after an interrupted post/.test(l))).toBe(true);
  });

  it('never posts twice when the notifier cannot look posts up: posts in doubt are recorded failed', async () => {
    const { context, clock } = await jobContext();
    const slack = fakeNotifier({ clock, findable: false });
    for (let n = 1; n <= 20; n++) addReminder(context, `U${n}`, REVIEW, '2026-11-29T12:00:00Z');
    slack.script((n) => (n <= 7 ? 'ok' : n === 8 ? 'deliver-then-hang' : 'hang'));
    void dispatcher(context, clock, slack.notifier, { concurrency: 4, postTimeoutMs: 0 }).dispatcher.tick();
    await slack.callsReached(11);

    slack.script(() => 'ok');
    const after = dispatcher(context, clock, slack.notifier, { concurrency: 4 });
    clock.advance(61_000);
    expect(await after.dispatcher.tick()).toMatchObject({ claimed: 13, sent: 9, failed: 4 });
    expect(slack.delivered).toHaveLength(7 + 1 + 9);
    expect(keys(slack.delivered)).toEqual([...new Set(keys(slack.delivered))]);
    expect(Object.values(statuses(context)).filter((s) => s === 'failed')).toHaveLength(4);
    expect(
      after.log.lines.filter((l) => /outcome was never recorded; not posting again/.test(l)),
    ).toHaveLength(4);
  });

  it('sends what fell due while the bot was down if the event has not begun, and records the rest missed', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    const review = addReminder(context, 'U1', REVIEW, '2026-12-02T18:15:00Z');
    const humanitarian = addReminder(context, 'U1', HUMANITARIAN, '2026-12-08T11:30:00Z');
    const tenIssues = addReminder(context, 'U1', TEN_ISSUES, '2026-12-08T15:00:00Z');
    // Down from 29 November until 9 December, 12:00Z: the review and the humanitarian panel have begun.
    clock.set('2026-12-09T12:00:00Z');
    const { dispatcher: d, log } = dispatcher(context, clock, fake.notifier);
    d.start();
    await d.stop();

    expect(fake.delivered.map((p) => p.key)).toEqual([`reminder:${tenIssues.id}`]);
    expect(fake.delivered[0].reply).toMatchObject({
      kind: 'reminder-due',
      late: true,
      startsIn: 'in 6 days',
    });
    expect(statuses(context)).toEqual({
      [review.id]: 'missed',
      [humanitarian.id]: 'missed',
      [tenIssues.id]: 'sent',
    });
    expect(log.lines.filter((l) => /missed: the event had begun/.test(l))).toHaveLength(2);
  });

  it('waits out a 429 for Retry-After, then sends; the rate limit does not count as a try', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    fake.script((n) =>
      n === 1
        ? { ok: false, error: { kind: 'ratelimited', code: 'ratelimited', retryAfterMs: 30_000 } }
        : 'ok',
    );
    const r = addReminder(context, 'U1', REVIEW, '2026-11-29T12:00:00Z');
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);

    expect(await d.tick()).toMatchObject({ retried: 1, sent: 0 });
    clock.advance(29_999);
    expect((await d.tick()).claimed).toBe(0);
    clock.advance(1);
    expect(await d.tick()).toMatchObject({ sent: 1 });
    expect(fake.calls).toHaveLength(2);
    expect(fake.delivered.map((p) => p.key)).toEqual([`reminder:${r.id}`]);
    expect(context.db.prepare('SELECT attempts, status FROM reminders').get()).toEqual({
      attempts: 1,
      status: 'sent',
    });
  });

  it.each(['account_inactive', 'user_not_found', 'channel_not_found', 'is_archived', 'not_in_channel'])(
    'marks a reminder failed on %s and never tries it again',
    async (code) => {
      const { context, clock } = await jobContext();
      const fake = fakeNotifier({ clock });
      fake.script(() => ({ ok: false, error: { kind: 'permanent', code } }));
      const r = addReminder(context, 'U1', REVIEW, '2026-11-29T12:00:00Z');
      const { dispatcher: d, log } = dispatcher(context, clock, fake.notifier);
      expect(await d.tick()).toMatchObject({ failed: 1 });
      for (let i = 0; i < 5; i++) {
        clock.advance(60 * MINUTE);
        await d.tick();
      }
      expect(fake.calls).toHaveLength(1);
      expect(statuses(context)).toEqual({ [r.id]: 'failed' });
      expect(log.lines).toContain(
        `warn reminder ${r.id} (user U1, event ${REVIEW}): permanent ${code}; failed`,
      );
    },
  );

  it('gives up after 5 tries with growing waits, and logs why', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    fake.script(() => ({ ok: false, error: { kind: 'transient', code: 'http_503' } }));
    addReminder(context, 'U1', REVIEW, '2026-11-29T12:00:00Z');
    const { dispatcher: d, log } = dispatcher(context, clock, fake.notifier);
    // Tick every 30 s for 20 minutes.
    for (let i = 0; i < 40; i++) {
      await d.tick();
      clock.advance(30_000);
    }
    expect(fake.calls).toHaveLength(5);
    const gaps = fake.calls.slice(1).map((c, i) => c.atMs - fake.calls[i].atMs);
    expect(gaps).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(context.db.prepare('SELECT status, attempts, last_error FROM reminders').get()).toEqual({
      status: 'failed',
      attempts: 5,
      last_error: 'gave up after 5 attempts; last error: http_503',
    });
    expect(log.lines.some((l) => /http_503; failed/.test(l))).toBe(true);
  });

  it('looks a timed-out post up before posting again', async () => {
    const { context, clock } = await jobContext();
    const slack = fakeNotifier({ clock, findable: true });
    slack.script((n) =>
      n === 1
        ? 'deliver-then-fail'
        : n === 2
          ? { ok: false, error: { kind: 'uncertain', code: 'request_timeout' } }
          : 'ok',
    );
    const arrived = addReminder(context, 'U1', REVIEW, '2026-11-29T12:00:00Z');
    const lost = addReminder(context, 'U2', REVIEW, '2026-11-29T12:00:00Z');
    const { dispatcher: d } = dispatcher(context, clock, slack.notifier, { concurrency: 1 });
    expect(await d.tick()).toMatchObject({ retried: 2 });
    clock.advance(30_000);
    expect(await d.tick()).toMatchObject({ recovered: 1, sent: 1 });
    expect(slack.calls.map((c) => c.key)).toEqual([
      `reminder:${arrived.id}`,
      `reminder:${lost.id}`,
      `reminder:${lost.id}`,
    ]);
    expect(keys(slack.delivered)).toEqual([`reminder:${arrived.id}`, `reminder:${lost.id}`]);
  });

  it('paces posts to one person’s DM to one a second, and leaves others unaffected', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    for (let i = 0; i < 12; i++) {
      addReminder(context, 'U1', REVIEW, '2026-11-29T12:00:00Z', {
        dueMs: Date.parse('2026-11-29T12:00:00Z') + i,
      });
    }
    addReminder(context, 'U2', REVIEW, '2026-11-29T12:00:00Z');
    clock.advance(1000);
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier, { tickMs: 5000 });
    const first = await d.tick();
    expect(first).toMatchObject({ claimed: 7, sent: 7 });
    while (fake.delivered.length < 13) {
      clock.advance(5000);
      await d.tick();
    }
    const times = (userId: string) =>
      fake.delivered.filter((p) => p.to.kind === 'user' && p.to.userId === userId).map((p) => p.atMs);
    const u1 = times('U1');
    expect(u1).toHaveLength(12);
    expect(u1.slice(1).every((t, i) => t - u1[i] >= 1000)).toBe(true);
    expect(times('U2')).toEqual([u1[0]]);
    expect(keys(fake.delivered)).toEqual([...new Set(keys(fake.delivered))]);
  });

  it('cancels a reminder whose event left the archive and tells the user once', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    const r = addReminder(context, 'U1', 'gone-event', '2026-11-29T12:00:00Z', {
      eventTitle: 'The Vanished Forum',
    });
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);
    expect(await d.tick()).toMatchObject({ cancelled: 1, sent: 0 });
    expect(await d.tick()).toMatchObject({ sent: 1 });
    expect(await d.tick()).toMatchObject({ claimed: 0 });
    expect(statuses(context)).toEqual({ [r.id]: 'cancelled' });
    expect(fake.delivered).toHaveLength(1);
    expect(fake.delivered[0].reply).toMatchObject({
      kind: 'notice',
      text: expect.stringMatching(/^“The Vanished Forum” \(.*\) is no longer in the event archive/),
    });
  });

  it('follows an event that moved since the reminder was set, instead of sending it early', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    // Set when the review was on 1 December; it has since moved to 3 December.
    addReminder(context, 'U1', REVIEW, '2026-11-30T18:15:00Z', {
      spec: { kind: 'before', amount: 1, unit: 'days' },
      eventStartMs: Date.parse('2026-12-01T18:15:00Z'),
    });
    clock.set('2026-11-30T18:15:00Z');
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);
    expect(await d.tick()).toMatchObject({ rescheduled: 1, sent: 0 });
    expect(new Date((await context.commands.reminders.active('U1'))[0].dueMs).toISOString()).toBe(
      '2026-12-02T18:15:00.000Z',
    );
    clock.set('2026-12-02T18:15:00Z');
    expect(await d.tick()).toMatchObject({ sent: 1 });
  });
});
