import type { MatchRequest, SearchColumn } from '../ports/search.js';
import type { WordReading } from '../search/correct.js';
import { eventsOfPeople, type Person, peopleNamed } from '../search/people.js';
import { MAX_QUERY_WORDS, parseQuery } from '../search/query-parser.js';
import { searchEvents, TOTAL_CAP } from '../search/search-events.js';
import { contentWords, tokenize } from '../search/tokens.js';
import { nearUnknownWords, wordReader } from '../search/work-limits.js';
import { listItem, pagerActions, positionOf, suggestionActions, whenOf } from './actions.js';
import { type CommandDeps, type CommandInput, LIST_PAGE, THEMES_PAGE } from './deps.js';
import { notice } from './notice.js';
import type { CommandResult, Hit, Reply } from './reply.js';
import { totalLine } from './search-command.js';
import { type MergedTheme, mergeThemes } from './theme-names.js';

type Facet = 'theme' | 'speaker' | 'host';

const NOUN: Record<Facet, string> = { theme: 'theme', speaker: 'speaker or host', host: 'host' };
const COLUMN: Record<Facet, SearchColumn> = { theme: 'themes', speaker: 'speakers', host: 'hosts' };
/**
 * A person's list and the picker's counts read this many of the newest matching events at most, the
 * cap of every total ("1000+"): reading 2,000 events' people cost 16 ms at 100k events, 1,000 half that.
 */
const PEOPLE_CAP = TOTAL_CAP;
/** The same-surname picker offers at most this many people (more: type a first name too). */
const MOST_PEOPLE = 10;

/**
 * `/event theme <name>`, `/event speaker <name>`, `/event host <name>`: the events whose themes or
 * people match the (fuzzy) name, newest first, with the total and paging to the last. Several people
 * sharing a surname get a picker with their roles and counts instead; each listed event names the
 * person and their role there. A speaker lookup also finds hosts, since people are often both.
 */
export function lookupCommand(facet: Facet, input: CommandInput, deps: CommandDeps): CommandResult {
  const name = input.text.trim();
  const words = contentWords(tokenize(name)).slice(0, MAX_QUERY_WORDS);
  if (!words.length) {
    return notice(
      'warning',
      `Tell me which ${NOUN[facet]}: for example \`/event ${facet} ${facet === 'theme' ? 'resourcing' : 'kaljulaid'}\`.`,
    );
  }
  const readings = words.map(wordReader(deps.index));
  const groups = readings.map((r) => r.terms);
  const offset = input.offset ?? 0;
  if (groups.some((g) => !g.length)) return noMatch(facet, name, readings, deps);
  const reply =
    facet === 'theme'
      ? themeList(name, groups, offset, deps)
      : (peopleReply(facet, name, groups, offset, deps) ??
        (facet === 'speaker' ? peopleReply('host', name, groups, offset, deps) : undefined));
  return reply ? { reply, visibility: 'ephemeral' } : noMatch(facet, name, readings, deps);
}

const requestOf = (facet: Facet, groups: string[][], limit: number): MatchRequest => ({
  clauses: [{ groups, columns: [COLUMN[facet]] }],
  filters: {},
  limit,
  scope: 'short',
});

/** A theme's events, newest first. */
function themeList(name: string, groups: string[][], offset: number, deps: CommandDeps): Reply | undefined {
  const ids = deps.index.newestMatches(requestOf('theme', groups, LIST_PAGE + 1), offset);
  if (!ids.length) return undefined;
  const total = deps.index.countMatches(requestOf('theme', groups, 0), TOTAL_CAP);
  const hits = deps.index
    .events(ids.slice(0, LIST_PAGE))
    .map((event) => ({ event, score: 1, matched: ['themes'] }));
  return listReply(
    'theme',
    `Events with the theme "${name.slice(0, 80)}"`,
    name,
    hits,
    offset,
    {
      total: Math.max(total, offset + hits.length),
      totalIsFloor: total >= TOTAL_CAP,
      more: ids.length > LIST_PAGE,
    },
    deps,
  );
}

/** A person's events, or the picker when several people match; undefined when no one does. */
function peopleReply(
  facet: 'speaker' | 'host',
  name: string,
  groups: string[][],
  offset: number,
  deps: CommandDeps,
): Reply | undefined {
  const rows = deps.index.peopleAt(requestOf(facet, groups, 0), facet, PEOPLE_CAP);
  const people = peopleNamed(rows, groups, name);
  if (!people.length) return undefined;
  const floor = new Set(rows.map((r) => r.eventId)).size >= PEOPLE_CAP;
  if (facet === 'speaker' && people.length > 1) return pickerReply(name, people, floor);
  const listed = eventsOfPeople(rows, people);
  const page = listed.slice(offset, offset + LIST_PAGE);
  const events = new Map(deps.index.events(page.map((p) => p.eventId)).map((e) => [e.id, e]));
  const hits = page.flatMap((p) => {
    const event = events.get(p.eventId);
    return event ? [{ hit: { event, score: 1, matched: [COLUMN[facet]] }, who: p.who }] : [];
  });
  const title = people.length === 1 ? people[0].name : name;
  return listReply(
    facet,
    `Events with ${title.slice(0, 80)}`,
    name,
    hits.map((h) => h.hit),
    offset,
    { total: listed.length, totalIsFloor: floor, more: listed.length > offset + LIST_PAGE },
    deps,
    // A host's name says nothing the heading does not, unless several hosts are listed together.
    facet === 'speaker' || people.length > 1 ? hits.map((h) => h.who) : undefined,
  );
}

/** Several people share the words (a surname): each with their role and count, a click lists theirs. */
function pickerReply(name: string, people: Person[], floor: boolean): Reply {
  const shown = people.slice(0, MOST_PEOPLE);
  const more = people.length - shown.length;
  return {
    kind: 'people',
    heading: `${people.length} speakers match "${name.slice(0, 60)}": which one?`,
    people: shown.map((person) => {
      const count = `${person.events.length}${floor ? '+' : ''} event${person.events.length === 1 && !floor ? '' : 's'}`;
      return {
        name: person.name,
        role: person.role,
        count: person.events.length,
        action: {
          kind: 'suggest',
          label: choiceLabel(person.name, person.role, count),
          page: { subcommand: 'speaker', words: person.name, offset: 0 },
        },
      };
    }),
    note:
      more > 0
        ? `and ${more} more: add a first name, e.g. \`/event speaker ${shown[0].name.slice(0, 60)}\``
        : undefined,
  };
}

/** Labels short enough for any door's button (Slack's hold 75 characters): the role is cut, never the count. */
const LABEL_MAX = 72;

/** "Jane Smith · Director, X · 12 events", the role shortened to fit. */
function choiceLabel(name: string, role: string | undefined, count: string): string {
  const plain = `${name} · ${count}`;
  const room = LABEL_MAX - plain.length - 3;
  if (!role || room < 8) return plain;
  const cut = role.length > room ? `${role.slice(0, room - 1).trimEnd()}…` : role;
  return `${name} · ${cut} · ${count}`;
}

function listReply(
  facet: Facet,
  heading: string,
  words: string,
  hits: Hit[],
  offset: number,
  counted: { total: number; totalIsFloor: boolean; more: boolean },
  deps: CommandDeps,
  why?: string[],
): Reply {
  return {
    kind: 'list',
    heading: `${heading} · ${totalLine(counted, offset, hits.length)}`,
    items: hits.map((hit, i) => ({ ...listItem(hit, deps), ...(why?.[i] ? { why: why[i] } : {}) })),
    empty: '',
    actions: pagerActions(facet, words, offset, LIST_PAGE, counted.more),
    position: positionOf(offset, hits.length, counted.totalIsFloor ? undefined : counted.total),
  };
}

/** Nothing matched: said honestly, with the archive's closest words to try. */
function noMatch(facet: Facet, name: string, readings: WordReading[], deps: CommandDeps): CommandResult {
  const near = nearUnknownWords(readings, deps.index);
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'no-match',
      query: name,
      actions: suggestionActions(near),
      hint:
        facet === 'theme'
          ? 'See every theme with `/event themes`, or search all fields with `/event <words>`.'
          : `Try the surname alone, or search all fields with \`/event ${name.slice(0, 40)}\`.`,
    },
  };
}

/**
 * `/event themes`: the archive's key themes, most discussed first, a page at a time, with
 * near-duplicate spellings counted together ("Peace & Security" and "peace and security"); each
 * theme's action shows its events.
 */
export function themesCommand(input: Pick<CommandInput, 'offset'>, deps: CommandDeps): CommandResult {
  const merged = mergedThemes(deps);
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

/**
 * The archive's themes merged across spellings, most discussed first. Merging 20,000 names takes a
 * tenth of a second at 100k events: once per archive (and once by each command worker as it starts),
 * not per page.
 */
export function mergedThemes(deps: Pick<CommandDeps, 'index'>): MergedTheme[] {
  return deps.index.derived('merged-themes', () => mergeThemes(deps.index.themeCounts(MOST_THEMES).themes));
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
