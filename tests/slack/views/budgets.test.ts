import { afterAll, describe, expect, it } from 'vitest';
import { runAction, runEventCommand } from '../../../src/core/commands/index.js';
import type { Reply } from '../../../src/core/commands/reply.js';
import { renderReply } from '../../../src/slack/views/index.js';
import { checkLimits } from '../../../src/slack/views/limits.js';
import { relevanceContext } from '../../helpers/search.js';
import { visibleChars } from './inspect.js';

const context = await relevanceContext('America/New_York');
afterAll(() => context.close());
const run = (text: string) =>
  runEventCommand({ text, userId: 'U0ASKER', channelName: 'events' }, context.commands);

/** Searches across the archive: typos, people, places, themes, dates. */
const QUERIES = [
  'peacekeeping finland',
  'peacekeepng',
  'women mediators',
  'review of peace operations',
  'kaljulaid',
  'mali',
  'climate security',
  'protection of civilians',
  'non-proliferation vienna',
  'peacekeeping september 2013',
];

describe('reply budgets, measured as a reader sees them', () => {
  it.each(QUERIES)('a search card for "%s" shows at most 1,500 characters', async (query) => {
    const reply = (await run(query)).reply;
    expect(reply.kind).toBe('event');
    const { blocks } = renderReply(reply);
    expect(checkLimits(blocks)).toEqual([]);
    expect(visibleChars(blocks)).toBeLessThanOrEqual(1500);
  });

  it('a shared card shows at most 1,200 characters, for every event in the archive', async () => {
    const ids = context.commands.index.browse({}, 'asc', 500, 0);
    expect(ids.length).toBe(120);
    let largest = 0;
    for (const id of ids) {
      const result = await runAction(
        { kind: 'share-post', eventId: id, note: 'n'.repeat(300) },
        context.commands,
        'U0ASKER',
      );
      const { blocks } = renderReply(result.reply);
      expect(checkLimits(blocks)).toEqual([]);
      largest = Math.max(largest, visibleChars(blocks));
    }
    expect(largest).toBeLessThanOrEqual(1200);
  });

  it.each([
    'upcoming',
    'upcoming next month',
    'theme peacekeeping',
    'speaker kaljulaid',
    'host international peace institute',
    'share peacekeeping',
    'help',
    'themes',
  ])('the list "%s" stays under 3,000 characters', async (text) => {
    const { blocks } = renderReply((await run(text)).reply as Reply);
    expect(checkLimits(blocks)).toEqual([]);
    expect(visibleChars(blocks)).toBeLessThanOrEqual(3000);
  });

  it('More like this stays under 3,000 characters', async () => {
    const dinner = (await run('peacekeeping finland')).reply as Extract<Reply, { kind: 'event' }>;
    const { blocks } = renderReply(
      (await runAction({ kind: 'more-like', eventId: dinner.event.id }, context.commands)).reply,
    );
    expect(visibleChars(blocks)).toBeLessThanOrEqual(3000);
  });
});
