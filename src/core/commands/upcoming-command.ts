import { extractDateRange } from '../search/date-phrases.js';
import { listItem, pagerActions, positionOf } from './actions.js';
import { type CommandDeps, type CommandInput, LIST_PAGE } from './deps.js';
import { notice } from './notice.js';
import type { CommandResult } from './reply.js';

/** `/event upcoming [range]`: the next events from now, or those within "this week", "next month", "in october". */
export function upcomingCommand(input: CommandInput, deps: CommandDeps): CommandResult {
  const now = deps.clock.now();
  const text = input.text.trim();
  const offset = input.offset ?? 0;
  const { range, rest } = text
    ? extractDateRange(text, now, deps.zone, 'future')
    : { range: undefined, rest: '' };
  if (text && (!range || rest.trim())) {
    return notice(
      'warning',
      `I couldn't read "${text.slice(0, 80)}" as a time range. Try \`/event upcoming\`, \`/event upcoming next week\`, \`/event upcoming next month\` or \`/event upcoming in october\`.`,
    );
  }
  const fromMs = Math.max(now.getTime(), range?.fromMs ?? 0);
  const ids = deps.index.browse({ fromMs, toMs: range?.toMs }, 'asc', LIST_PAGE + 1, offset);
  const items = deps.index
    .events(ids.slice(0, LIST_PAGE))
    .map((event) => listItem({ event, score: 1, matched: ['start'] }, deps));
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'list',
      heading: range ? `Upcoming events, ${range.label}` : 'Upcoming events',
      items,
      empty: range
        ? `No events are scheduled for ${range.label}.`
        : 'No upcoming events are in the archive yet.',
      actions: pagerActions('upcoming', text, offset, LIST_PAGE, ids.length > LIST_PAGE),
      position: positionOf(offset, items.length),
    },
  };
}
