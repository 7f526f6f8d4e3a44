import { cardActions, listItem, whenOf } from '../commands/actions.js';
import type { CommandDeps } from '../commands/deps.js';
import { notice } from '../commands/notice.js';
import type { CommandResult, Hit } from '../commands/reply.js';
import { parseQuery } from '../search/query-parser.js';
import { searchEvents } from '../search/search-events.js';
import { tokenize } from '../search/tokens.js';

/** How many of a message's most telling words are searched for together. */
const TELLING_WORDS = 4;
/** Matches offered after the best one. */
const MORE_MENTIONED = 4;

/**
 * "Find events this message mentions" (a message shortcut): the message's rarest words that the
 * archive knows (a title word, a speaker's surname, a place) are searched for, most telling first,
 * dropping the least telling until something matches. The best match comes as a card with Share and
 * Remind me; the next few follow it.
 */
export function mentionedEventsCommand(messageText: string, deps: CommandDeps): CommandResult {
  const words = [...new Set(tokenize(messageText.slice(0, 4000)))]
    .filter((w) => w.length > 2)
    .map((w) => ({ w, df: deps.index.termFrequency(w) }))
    .filter((x) => x.df > 0 && x.df < Math.max(2, deps.index.eventCount() / 4))
    .sort((a, b) => a.df - b.df)
    .slice(0, TELLING_WORDS)
    .map((x) => x.w);
  const now = deps.clock.now();
  for (let n = words.length; n > 0; n--) {
    const query = parseQuery(words.slice(0, n).join(' '), now, deps.zone);
    const { hits } = searchEvents(query, deps.index, { limit: MORE_MENTIONED + 1, nowMs: now.getTime() });
    const [best, ...more] = hits as Hit[];
    if (!best) continue;
    const when = whenOf(best.event, deps);
    return {
      visibility: 'ephemeral',
      reply: {
        kind: 'event',
        event: best.event,
        when,
        matched: best.matched,
        heading: `Events this message mentions (read as: ${words.slice(0, n).join(' ')})`,
        more: more.map((hit) => listItem(hit, deps)),
        actions: cardActions(best.event, when, deps),
      },
    };
  }
  return notice(
    'info',
    'I found no archive events in that message. Try `/event <words>` with a title, a speaker or a theme.',
  );
}
