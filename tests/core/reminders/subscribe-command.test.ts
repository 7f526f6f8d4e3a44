import { beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/context.js';
import { runEventCommand } from '../../../src/core/commands/index.js';
import type { CommandResult, Reply } from '../../../src/core/commands/reply.js';
import { MAX_CHANNEL_SUBSCRIPTIONS } from '../../../src/core/reminders/model.js';
import { relevanceContext } from '../../helpers/search.js';

const NY = 'America/New_York';
let context: AppContext;
beforeEach(async () => {
  context = await relevanceContext(NY); // now: Sunday 29 November 2026, 07:00 in New York
});

const run = async (text: string, channelId = 'C1', userZone = NY) =>
  await runEventCommand({ text, userId: 'U1', userZone, channelId, channelName: 'events' }, context.commands);
const as = <K extends Reply['kind']>(result: CommandResult, kind: K) => {
  expect(result.reply.kind).toBe(kind);
  return result.reply as Extract<Reply, { kind: K }>;
};

describe('/event subscribe', () => {
  it('subscribes the channel and says when the first digest comes and how much matches now', async () => {
    const text = as(await run('subscribe peacekeeping weekly monday at 9am'), 'notice').text;
    expect(text).toContain(
      'Subscribed #events to a digest of upcoming events matching “peacekeeping”, every Monday at 09:00 (America/New_York).',
    );
    expect(text).toContain('The first is due Monday, 30 November 2026 at 09:00 EST; 1 event matches so far.');
    expect(text).toContain('Nothing is posted when no event matches');
    expect(text).toContain('invite me with `/invite @eventbot`');
    const [sub] = await context.commands.subscriptions.forChannel('C1');
    expect(sub).toMatchObject({ query: 'peacekeeping', zone: NY, createdBy: 'U1', channelName: 'events' });
    expect(new Date(sub.runMs).toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });

  it('runs in the zone the user named, else in the subscriber’s own', async () => {
    as(await run('subscribe climate daily at 8:00 tz:Europe/Berlin'), 'notice');
    as(await run('subscribe cyber daily at 8:00', 'C1', 'Asia/Seoul'), 'notice');
    expect(
      (await context.commands.subscriptions.forChannel('C1')).map((s) => [
        s.zone,
        new Date(s.runMs).toISOString(),
      ]),
    ).toEqual([
      ['Europe/Berlin', '2026-11-30T07:00:00.000Z'],
      ['Asia/Seoul', '2026-11-29T23:00:00.000Z'],
    ]);
  });

  it('must be run in a channel', async () => {
    const result = await runEventCommand({ text: 'subscribe peacekeeping', userId: 'U1' }, context.commands);
    expect(as(result, 'notice').text).toMatch(/in the channel that should get/);
  });

  it('does not subscribe twice to the same digest', async () => {
    await run('subscribe peacekeeping');
    expect(as(await run('subscribe Peacekeeping'), 'notice').text).toMatch(
      /#events already gets “peacekeeping”/,
    );
    expect(await context.commands.subscriptions.forChannel('C1')).toHaveLength(1);
  });

  it('refuses a query without words', async () => {
    expect(as(await run('subscribe the of and'), 'notice').text).toMatch(/couldn't find any words/);
  });

  it(`caps a channel at ${MAX_CHANNEL_SUBSCRIPTIONS} digests`, async () => {
    for (let i = 0; i < MAX_CHANNEL_SUBSCRIPTIONS; i++)
      as(await run(`subscribe peacekeeping daily at ${i}:00`), 'notice');
    expect(as(await run('subscribe climate'), 'notice').text).toMatch(/already has 20 digests/);
    expect(as(await run('subscribe climate', 'C2'), 'notice').text).toMatch(/^Subscribed/);
  });

  it('resumes a paused digest when subscribed again', async () => {
    await run('subscribe peacekeeping');
    const queue = context.commands.subscriptions.queue;
    const [claim] = await queue.claim({
      nowMs: Date.parse('2026-11-30T14:00:00Z'),
      limit: 5,
      leaseMs: 60_000,
      token: 't',
      perKey: 5,
    });
    queue.settle(claim.item.id, 't', Date.parse('2026-11-30T14:00:01Z'), {
      status: 'paused',
      reason: 'not_in_channel',
    });
    const listed = as(await run('subscriptions'), 'subscriptions');
    expect(listed.items[0].paused).toMatch(
      /I'm not a member of this channel: invite me with `\/invite @eventbot`/,
    );
    expect(as(await run('subscribe peacekeeping'), 'notice').text).toMatch(/^Resumed #events/);
    expect(as(await run('subscriptions'), 'subscriptions').items[0].paused).toBeUndefined();
  });
});

describe('/event subscriptions and /event unsubscribe', () => {
  beforeEach(async () => {
    await run('subscribe peacekeeping weekly monday at 9am');
    await run('subscribe climate daily at 7:30');
  });

  it('lists the channel’s digests with their schedule and next run', async () => {
    const list = as(await run('subscriptions'), 'subscriptions');
    expect(list.heading).toBe('Digests in #events');
    expect(list.items).toMatchObject([
      {
        position: 1,
        what: '“peacekeeping”',
        schedule: 'every Monday at 09:00 (America/New_York)',
        nextRunText: 'Monday, 30 November 2026 at 09:00 EST',
      },
      {
        position: 2,
        what: '“climate”',
        schedule: 'every day at 07:30 (America/New_York)',
        nextRunText: 'Sunday, 29 November 2026 at 07:30 EST',
      },
    ]);
    const [first] = list.items;
    expect(first.actions).toEqual([
      { kind: 'pause-digest', subscriptionId: first.subscriptionId },
      { kind: 'stop-digest', subscriptionId: first.subscriptionId },
    ]);
    expect(as(await run('subscriptions', 'C9'), 'subscriptions').items).toEqual([]);
  });

  it('asks which one to stop when there are several', async () => {
    const list = as(await run('unsubscribe'), 'subscriptions');
    expect(list.note).toMatch(/say which to stop/);
    expect(list.items).toHaveLength(2);
  });

  it('stops one by number, then the only one left without a number', async () => {
    expect(as(await run('unsubscribe 2'), 'subscriptions').note).toBe(
      'Stopped the digest of “climate” (every day at 07:30 (America/New_York)).',
    );
    expect(as(await run('unsubscribe'), 'subscriptions').items).toEqual([]);
    expect(as(await run('unsubscribe'), 'notice').text).toBe('#events has no digests.');
  });

  it('stops all', async () => {
    expect(as(await run('unsubscribe all'), 'subscriptions').note).toBe('Stopped 2 digests.');
    expect(await context.commands.subscriptions.forChannel('C1')).toEqual([]);
  });

  it('refuses a number that is not listed', async () => {
    expect(as(await run('unsubscribe 5'), 'notice').text).toMatch(/from 1 to 2/);
  });
});
