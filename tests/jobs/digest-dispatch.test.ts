import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { runEventCommand } from '../../src/core/commands/index.js';
import type { Reply } from '../../src/core/commands/reply.js';
import type { SqliteSubscriptionRepository } from '../../src/storage/subscription-repository.js';
import { dispatcher, fakeNotifier, jobContext, NY, REVIEW } from './helpers.js';

const subscribe = async (context: AppContext, text: string, channelId = 'C1') =>
  (
    await runEventCommand(
      { text: `subscribe ${text}`, userId: 'U1', userZone: NY, channelId, channelName: 'events' },
      context.commands,
    )
  ).reply;
const runs = (context: AppContext) =>
  (context.commands.subscriptions as SqliteSubscriptionRepository)
    .forChannel('C1')
    .map((s) => [new Date(s.runMs).toISOString(), s.lastOutcome ?? null]);

describe('digest dispatch', () => {
  it('posts a weekly digest at its time, in the channel, with exactly the matching upcoming events', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    await subscribe(context, 'peacekeeping weekly monday at 9am');
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);

    clock.set('2026-11-30T13:59:59Z');
    expect(await d.tick()).toMatchObject({ claimed: 0 });
    clock.set('2026-11-30T14:00:00Z'); // Monday 09:00 EST
    expect(await d.tick()).toMatchObject({ sent: 1 });

    expect(fake.delivered).toHaveLength(1);
    const [post] = fake.delivered;
    expect(post.to).toEqual({
      kind: 'channel',
      channelId: 'C1',
      workspace: { teamId: '', enterpriseId: '' },
    });
    const digest = post.reply as Extract<Reply, { kind: 'digest' }>;
    expect(digest.heading).toBe('Weekly digest: peacekeeping');
    expect(digest.items.map((h) => h.event.id)).toEqual([REVIEW]);
    expect(await runs(context)).toEqual([['2026-12-07T14:00:00.000Z', 'sent']]);
    expect(await d.tick()).toMatchObject({ claimed: 0 });
  });

  it('posts nothing when nothing matches and schedules the next run; "always" posts anyway', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    await subscribe(context, 'quantum chromodynamics daily at 8am');
    await subscribe(context, 'quantum chromodynamics daily at 8am always', 'C2');
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);
    clock.set('2026-11-29T13:00:00Z'); // 08:00 EST, an hour after subscribing
    expect(await d.tick()).toMatchObject({ skipped: 1, sent: 1 });
    expect(fake.delivered.map((p) => p.to)).toEqual([
      { kind: 'channel', channelId: 'C2', workspace: { teamId: '', enterpriseId: '' } },
    ]);
    expect(fake.delivered[0].reply).toMatchObject({ kind: 'digest', items: [] });
    expect(await runs(context)).toEqual([['2026-11-30T13:00:00.000Z', 'empty']]);
  });

  it('keeps a weekly digest at 09:00 local across the DST change', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    clock.set('2027-03-02T12:00:00Z');
    await subscribe(context, 'weekly monday at 9am always');
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);
    const posted: string[] = [];
    for (const at of ['2027-03-08T14:00:00Z', '2027-03-15T13:00:00Z', '2027-03-22T13:00:00Z']) {
      clock.set(at);
      await d.tick();
      posted.push(new Date(fake.delivered.at(-1)!.atMs).toISOString());
    }
    expect(posted).toEqual([
      '2027-03-08T14:00:00.000Z',
      '2027-03-15T13:00:00.000Z',
      '2027-03-22T13:00:00.000Z',
    ]);
  });

  it('skips a run the bot slept through by more than six hours, and resumes on schedule', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    await subscribe(context, 'peacekeeping weekly monday at 9am');
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);
    clock.set('2026-11-30T20:00:01Z');
    expect(await d.tick()).toMatchObject({ missed: 1, sent: 0 });
    expect(await runs(context)).toEqual([['2026-12-07T14:00:00.000Z', 'missed']]);
  });

  it('pauses a digest the bot may not post, and tells its subscriber once how to fix it', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    fake.script((_n, message) =>
      message.to.kind === 'channel'
        ? { ok: false, error: { kind: 'permanent', code: 'not_in_channel' } }
        : 'ok',
    );
    await subscribe(context, 'peacekeeping weekly monday at 9am');
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);
    clock.set('2026-11-30T14:00:00Z');
    expect(await d.tick()).toMatchObject({ failed: 1 });
    expect(await d.tick()).toMatchObject({ sent: 1 });
    clock.set('2026-12-07T14:00:00Z');
    expect(await d.tick()).toMatchObject({ claimed: 0 });

    expect(fake.delivered).toHaveLength(1);
    expect(fake.delivered[0].to).toEqual({
      kind: 'user',
      userId: 'U1',
      workspace: { teamId: '', enterpriseId: '' },
    });
    expect(fake.delivered[0].reply).toMatchObject({
      kind: 'notice',
      text: expect.stringMatching(
        /couldn't post the digest of “peacekeeping” in #events: I'm not a member.*\/invite @eventbot/,
      ),
    });
    const listed = (
      await runEventCommand({ text: 'subscriptions', userId: 'U1', channelId: 'C1' }, context.commands)
    ).reply;
    expect(listed).toMatchObject({
      kind: 'subscriptions',
      items: [{ paused: expect.stringMatching(/invite me/) }],
    });
  });

  it('paces several digests in one channel to one a second', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    for (const q of ['peacekeeping', 'review', 'peace operations', 'pact'])
      await subscribe(context, `${q} weekly monday at 9am`);
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);
    clock.set('2026-11-30T14:00:00Z');
    expect(await d.tick()).toMatchObject({ sent: 4 });
    const times = fake.delivered.map((p) => p.atMs - Date.parse('2026-11-30T14:00:00Z'));
    expect(times[0]).toBe(0);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps.every((g) => g >= 1000 && g < 1010)).toBe(true);
  });
});
