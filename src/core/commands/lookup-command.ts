import { parseQuery } from '../search/query-parser.js';
import { searchEvents } from '../search/search-events.js';
import { contentWords, tokenize } from '../search/tokens.js';
import { listItem, pagerActions, positionOf, suggestionActions, whenOf } from './actions.js';
import { type CommandDeps, type CommandInput, LIST_PAGE, THEMES_PAGE } from './deps.js';
import { notice } from './notice.js';
import type { CommandResult, Reply } from './reply.js';
import { mergeThemes } from './theme-names.js';

type Facet = 'theme' | 'speaker' | 'host';

const NOUN: Record<Facet, string> = { theme: 'theme', speaker: 'speaker or host', host: 'host' };

/**
 * `/event theme <name>`, `/event speaker <name>`, `/event host <name>`: the events whose themes or
 * people match the (fuzzy) name, best first. A speaker lookup also finds hosts, since people are
 * often both.
 */
export function lookupCommand(facet: Facet, input: CommandInput, deps: CommandDeps): CommandResult {
  const name = input.text.trim();
  const words = contentWords(tokenize(name));
  if (!words.length) {
    return notice(
      'warning',
      `Tell me which ${NOUN[facet]}: for example \`/event ${facet} ${facet === 'theme' ? 'resourcing' : 'kaljulaid'}\`.`,
    );
  }
  const now = deps.clock.now();
  const offset = input.offset ?? 0;
  const base = parseQuery('', now, deps.zone);
  const run = (query: typeof base) =>
    searchEvents(query, deps.index, { limit: LIST_PAGE, offset, nowMs: now.getTime() });
  let result = run({ ...base, [facet]: words });
  if (facet === 'speaker' && !result.hits.length) result = run({ ...base, host: words });
  const reply: Reply = result.hits.length
    ? {
        kind: 'list',
        heading: `Events with ${facet === 'theme' ? 'the theme' : ''} "${name.slice(0, 80)}"`.replace(
          'with  ',
          'with ',
        ),
        items: result.hits.map((hit) => listItem(hit, deps)),
        empty: '',
        actions: pagerActions(facet, name, offset, LIST_PAGE, result.more),
        position: positionOf(offset, result.hits.length),
      }
    : {
        kind: 'no-match',
        query: name,
        actions: suggestionActions(result.suggestions),
        hint:
          facet === 'theme'
            ? 'See every theme with `/event themes`, or search all fields with `/event <words>`.'
            : `Try the surname alone, or search all fields with \`/event ${name.slice(0, 40)}\`.`,
      };
  return { reply, visibility: 'ephemeral' };
}

/**
 * `/event themes`: the archive's key themes, most discussed first, a page at a time, with
 * near-duplicate spellings counted together ("Peace & Security" and "peace and security"); each
 * theme's action shows its events.
 */
export function themesCommand(input: Pick<CommandInput, 'offset'>, deps: CommandDeps): CommandResult {
  const merged = mergeThemes(deps.index.themeCounts(MOST_THEMES).themes);
  const requested = input.offset ?? 0;
  const offset = requested < merged.length ? requested : 0;
  const page = merged.slice(offset, offset + THEMES_PAGE);
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'themes',
      heading: 'Key themes across the archive',
      themes: page.map((t) => ({ ...t, action: { kind: 'theme', theme: t.title } })),
      total: merged.length,
      position: positionOf(offset, page.length, merged.length),
      actions: pagerActions('themes', '', offset, THEMES_PAGE, offset + THEMES_PAGE < merged.length),
    },
  };
}

/** Themes read from the index to merge and page through; far more than any archive has spellings. */
const MOST_THEMES = 20_000;

/** `/event theme 3 of <event words>`: one theme of one event, in full. */
export function themeDetailCommand(position: number, eventWords: string, deps: CommandDeps): CommandResult {
  const now = deps.clock.now();
  const hit = searchEvents(parseQuery(eventWords, now, deps.zone), deps.index, {
    limit: 1,
    nowMs: now.getTime(),
  }).hits[0];
  if (!hit)
    return notice(
      'warning',
      `I couldn't find an event matching "${eventWords.slice(0, 80)}". Try \`/event ${eventWords.slice(0, 40)}\` first.`,
    );
  const count = hit.event.themes.length;
  if (position < 1 || position > count) {
    return notice(
      'warning',
      count
        ? `"${hit.event.title}" has ${count} key theme${count === 1 ? '' : 's'}; ask for one from 1 to ${count}.`
        : `"${hit.event.title}" has no numbered key themes.`,
    );
  }
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'theme-detail',
      event: hit.event,
      when: whenOf(hit.event, deps),
      index: position - 1,
      actions: [{ kind: 'open', eventId: hit.event.id }],
    },
  };
}
