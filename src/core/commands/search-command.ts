import { isEmptyQuery, parseQuery } from '../search/query-parser.js';
import { searchEvents } from '../search/search-events.js';
import { type CommandDeps, type CommandInput, MORE_MATCHES } from './deps.js';
import { helpReply } from './help-command.js';
import type { CommandResult, Reply } from './reply.js';

/** `/event <anything>`: the best match as a card, four more after it, or an honest "no match". */
export function searchCommand(input: CommandInput, deps: CommandDeps, commandPrefix = ''): CommandResult {
  return { reply: searchReply(input, deps, commandPrefix), visibility: 'ephemeral' };
}

/** The search answer as a Reply; `commandPrefix` ("share ") keeps paging inside the same subcommand. */
export function searchReply(input: CommandInput, deps: CommandDeps, commandPrefix = ''): Reply {
  const now = deps.clock.now();
  const query = parseQuery(input.text, now, deps.zone);
  if (query.problems.length) return { kind: 'notice', tone: 'warning', text: query.problems.join('\n') };
  if (isEmptyQuery(query))
    return helpReply(
      deps,
      input.text.trim()
        ? `I couldn't find any words to search for in "${input.text.trim().slice(0, 80)}".`
        : undefined,
    );
  const offset = input.offset ?? 0;
  const result = searchEvents(query, deps.index, { limit: MORE_MATCHES + 1, offset, nowMs: now.getTime() });
  const [best, ...more] = result.hits;
  if (!best) {
    return {
      kind: 'no-match',
      query: input.text.trim(),
      suggestions: result.suggestions,
      hint: query.range
        ? `Nothing matched within ${query.range.label}. Try without the date, or \`/event upcoming\`.`
        : "Try fewer or different words, a speaker's surname, or `/event themes`.",
    };
  }
  const notes: string[] = [];
  if (result.corrections.length)
    notes.push(
      `Showing results for ${result.corrections.map((c) => `"${c.read}"`).join(', ')} (you typed ${result.corrections.map((c) => c.typed).join(', ')})`,
    );
  if (result.unknown.length)
    notes.push(`No event mentions ${result.unknown.map((w) => `"${w}"`).join(', ')}`);
  if (query.range) notes.push(`Within ${query.range.label}`);
  if (query.truncated) notes.push('Your query was long, so I used its first words');
  return {
    kind: 'event',
    event: best.event,
    matched: best.matched,
    score: best.score,
    heading: notes.join(' · ') || undefined,
    more,
    next: result.more
      ? { command: `${commandPrefix}${input.text.trim()}`, offset: offset + MORE_MATCHES + 1 }
      : undefined,
  };
}
