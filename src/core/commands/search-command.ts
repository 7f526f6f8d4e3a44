import { isEmptyQuery, type ParsedQuery, parseQuery } from '../search/query-parser.js';
import { type SearchOutcome, searchEvents } from '../search/search-events.js';
import { cardActions, listItem, pagerActions, positionOf, suggestionActions, whenOf } from './actions.js';
import { type CommandDeps, type CommandInput, LIST_PAGE, MORE_MATCHES } from './deps.js';
import { helpReply } from './help-command.js';
import { notice } from './notice.js';
import { pastEventsLine } from './related.js';
import type { CommandResult, Reply } from './reply.js';

/** A page of a search: the best match and MORE_MATCHES more. */
export const SEARCH_PAGE = MORE_MATCHES + 1;

/** `/event <anything>`: the best match as a card, four more after it, or an honest "no match". */
export function searchCommand(input: CommandInput, deps: CommandDeps): CommandResult {
  return { reply: searchReply(input, deps), visibility: 'ephemeral' };
}

/** What a typed query found: the parsed query and the page of results, or the reply that ends the search here. */
export function runSearch(
  input: CommandInput,
  deps: CommandDeps,
): { query: ParsedQuery; result: SearchOutcome; offset: number } | { reply: Reply } {
  const now = deps.clock.now();
  // Date phrases are read in the asker's own zone when the door knows it.
  const query = parseQuery(input.text, now, input.userZone ?? deps.zone);
  if (query.problems.length) return { reply: notice('warning', query.problems.join('\n')).reply };
  if (isEmptyQuery(query))
    return {
      reply: helpReply(
        deps,
        input.text.trim()
          ? `I couldn't find any words to search for in "${input.text.trim().slice(0, 80)}".`
          : undefined,
      ),
    };
  const offset = input.offset ?? 0;
  const limit = query.count ? LIST_PAGE : SEARCH_PAGE;
  const result = searchEvents(query, deps.index, { limit, offset, nowMs: now.getTime() });
  return { query, result, offset };
}

/** The search answer as a Reply: the best match's card with the next few, paged by typed requests. */
export function searchReply(input: CommandInput, deps: CommandDeps): Reply {
  const found = runSearch(input, deps);
  if ('reply' in found) return found.reply;
  const { query, result, offset } = found;
  const [best, ...more] = result.hits;
  if (!best) {
    return {
      kind: 'no-match',
      query: input.text.trim(),
      actions: suggestionActions(result.suggestions),
      hint: query.range
        ? `Nothing matched within ${query.range.label}. Try without the date, or \`/event upcoming\`.`
        : "Try fewer or different words, a speaker's surname, or `/event themes`.",
    };
  }
  const words = input.text.trim();
  if (query.count) {
    // "how many …", "which …": the total first, then the matches newest first, paged to the end.
    const items = [...result.hits].sort((a, b) => Date.parse(b.event.start) - Date.parse(a.event.start));
    return {
      kind: 'list',
      heading: [totalLine(result, offset, items.length), searchNotes(query, result)]
        .filter(Boolean)
        .join(' · '),
      items: items.map((hit) => listItem(hit, deps)),
      empty: '',
      actions: pagerActions('search', words, offset, LIST_PAGE, result.more),
      position: positionOf(offset, items.length, result.totalIsFloor ? undefined : result.total),
    };
  }
  const when = whenOf(best.event, deps);
  const related = when.upcoming ? pastEventsLine(best.event, deps) : undefined;
  const addedBy = deps.added?.addedBy(best.event.id);
  return {
    ...(addedBy ? { addedBy } : {}),
    kind: 'event',
    event: best.event,
    when,
    ...(related ? { related } : {}),
    matched: best.matched,
    score: best.score,
    heading:
      [
        searchNotes(query, result),
        result.total > result.hits.length ? totalLine(result, offset, result.hits.length) : '',
      ]
        .filter(Boolean)
        .join(' · ') || undefined,
    more: more.map((hit) => listItem(hit, deps)),
    actions: [
      ...cardActions(best.event, when, deps),
      ...pagerActions('search', words, offset, SEARCH_PAGE, result.more),
    ],
    position: positionOf(offset, result.hits.length, result.totalIsFloor ? undefined : result.total),
  };
}

/** How the query was read, in one line: corrections, unknown words, the date range, a cut. */
function searchNotes(query: ParsedQuery, result: SearchOutcome): string {
  const notes: string[] = [];
  if (result.corrections.length)
    notes.push(
      `Showing results for ${result.corrections.map((c) => `"${c.read}"`).join(', ')} (you typed ${result.corrections.map((c) => c.typed).join(', ')})`,
    );
  if (result.ignored.length) notes.push(`ignored ${result.ignored.join(', ')}`);
  const unknown = result.unknown.filter((w) => !result.ignored.includes(w));
  if (unknown.length) notes.push(`No event mentions ${unknown.map((w) => `"${w}"`).join(', ')}`);
  if (result.undated) notes.push(`Nothing within ${result.undated}, so these are from any date`);
  else if (query.range) notes.push(`Within ${query.range.label}`);
  if (query.truncated) notes.push('Your query was long, so I used its first words');
  return notes.join(' · ');
}

/** "292 events · 1–5": how many match in all, and which of them this page shows. */
export function totalLine(
  result: Pick<SearchOutcome, 'total' | 'totalIsFloor'>,
  offset: number,
  shown: number,
): string {
  const total = `${result.total.toLocaleString('en-US')}${result.totalIsFloor ? '+' : ''}`;
  const range = shown ? ` · ${offset + 1}–${offset + shown}` : '';
  return `${total} event${result.total === 1 ? '' : 's'}${range}`;
}
