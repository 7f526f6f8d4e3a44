import { describe, expect, it } from 'vitest';
import { loadConfiguredArchive } from '../../../src/context.js';
import { runAction } from '../../../src/core/commands/index.js';
import type { Reply } from '../../../src/core/commands/reply.js';
import { buildDigest } from '../../../src/core/reminders/digest.js';
import { renderReply } from '../../../src/slack/views/index.js';
import { fixedClock, memoryContext } from '../../helpers/context.js';
import { relevanceContext } from '../../helpers/search.js';
import { tempDir } from '../../helpers/temp.js';
import { addReminder, dispatcher, fakeNotifier, jobContext, REVIEW } from '../../jobs/helpers.js';
import { texts, visibleChars } from '../../slack/views/inspect.js';

const DINNER = '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping';

describe('"Before this": the past events an upcoming event follows', () => {
  it('puts one line on an upcoming card, counting past events that share its most shared facet', async () => {
    const context = await relevanceContext('America/New_York');
    const result = await runAction({ kind: 'open', eventId: REVIEW }, context.commands);
    const card = result.reply as Extract<Reply, { kind: 'event' }>;
    expect(card.related).toMatch(/^Before this: \d+\+? past events on peacekeeping$/);
    const blocks = renderReply(card).blocks;
    expect(texts(blocks).join('\n')).toContain(card.related);
    expect(visibleChars(blocks)).toBeLessThanOrEqual(1500);
    // A past event's card has no such line: it is the past.
    const past = (await runAction({ kind: 'open', eventId: DINNER }, context.commands)).reply;
    expect(past).toMatchObject({ kind: 'event' });
    expect((past as Extract<Reply, { kind: 'event' }>).related).toBeUndefined();
  });

  it('counts only events that have already happened: "Before this: 1 past event on Sahel mediation"', async () => {
    const event = (id: string, start: string) => ({
      id,
      title: `Forum ${id}`,
      start,
      themes: ['Sahel mediation'],
    });
    const dir = tempDir({
      'a.json': JSON.stringify([
        event('next', '2027-02-01'),
        event('later', '2027-05-01'),
        event('before', '2019-05-01'),
      ]),
    });
    const context = memoryContext({ EVENT_ARCHIVE: dir }, fixedClock('2026-11-29T12:00:00Z'));
    await loadConfiguredArchive(context);
    const card = (await runAction({ kind: 'open', eventId: 'next' }, context.commands)).reply;
    expect(card).toMatchObject({ kind: 'event', related: 'Before this: 1 past event on Sahel mediation' });
  });

  it('rides along on a reminder DM and on a digest entry', async () => {
    const { context, clock } = await jobContext();
    const fake = fakeNotifier({ clock });
    const { dispatcher: d } = dispatcher(context, clock, fake.notifier);
    addReminder(context, 'U1', REVIEW, '2026-11-29T12:01:00Z');
    clock.advance(60_000);
    expect(await d.tick()).toMatchObject({ sent: 1 });
    const reply = fake.delivered[0].reply as Extract<Reply, { kind: 'reminder-due' }>;
    expect(reply.related).toMatch(/^Before this: \d+\+? past events on peacekeeping$/);
    expect(texts(renderReply(reply).blocks).join('\n')).toContain(reply.related);

    const nowMs = clock.now().getTime();
    const digest = buildDigest(
      {
        id: '1',
        workspace: { teamId: '', enterpriseId: '' },
        channelId: 'C1',
        createdBy: 'U1',
        query: 'peace operations',
        schedule: { cadence: 'weekly', weekday: 1, hour: 9, minute: 0 },
        zone: 'America/New_York',
        postWhenEmpty: false,
        runMs: nowMs,
      } as never,
      context.commands.index,
      nowMs,
      nowMs,
    );
    const item = digest?.items.find((i) => i.event.id === REVIEW);
    expect(item?.related).toMatch(/^Before this: /);
    expect(texts(renderReply(digest!).blocks).join('\n')).toContain(item?.related);
  });
});
