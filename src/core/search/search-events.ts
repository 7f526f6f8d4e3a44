import type { Event } from '../model.js';
import type { EventDigest, EventFilters, SearchColumn, SearchIndex, TextClause } from '../ports/search.js';
import type { WordReading } from './correct.js';
import { CANDIDATES, FALLBACK_MATCHES, gather } from './gather.js';
import type { ParsedQuery } from './query-parser.js';
import { rankCandidates } from './rank.js';
import { MIN_MATCHED_WORDS, nearUnknownWords, selectiveGroups, wordReader } from './work-limits.js';

/** Below this average confidence in the words' readings, we say "no match" instead of guessing. */
const MIN_CONFIDENCE = 0.6;

/** A search hit as the views need it: the event, its score, and which fields matched (for highlighting). */
export interface Hit {
  event: Event;
  score: number;
  matched: string[];
}

/** What a search found, and how it read the query, so replies can say "did you mean". */
export interface SearchOutcome {
  hits: Hit[];
  /** Words read as something else: typo corrections and completions. */
  corrections: { typed: string; read: string }[];
  /** Words matching nothing in the archive. */
  unknown: string[];
  /** An unknown word left out so the rest could still answer ("ignored xylophone"). */
  ignored: string[];
  /** When there are no hits: closest titles, themes or people to offer instead. */
  suggestions: string[];
  /** True when more hits exist past `offset + limit`. */
  more: boolean;
  /** How many events match in all, a recurring series once; at least this many when `totalIsFloor`. */
  total: number;
  totalIsFloor: boolean;
  /** Set when the query's date phrase matched nothing and was searched as words instead: its label. */
  undated?: string;
}

/** Beyond UTC's day, the widest zone offsets (UTC−12 to UTC+14). */
const ZONE_SLACK_MS = 14 * 3_600_000;
/** Extra events a day-filtered listing reads, for those the widened range lets in and their day leaves out. */
const BROWSE_SLACK = 50;

const EMPTY: SearchOutcome = {
  hits: [],
  corrections: [],
  unknown: [],
  ignored: [],
  suggestions: [],
  more: false,
  total: 0,
  totalIsFloor: false,
};

/** A pasted link to an event, or an event's id typed alone: that event, whatever else the text says. */
function directHit(query: ParsedQuery, index: SearchIndex): Hit | undefined {
  for (const link of query.links) {
    const id = index.eventByUrl(link);
    const event = id ? index.events([id])[0] : undefined;
    if (event) return { event, score: 1, matched: ['url'] };
  }
  const event = query.id ? index.events([query.id])[0] : undefined;
  return event ? { event, score: 1, matched: ['id'] } : undefined;
}

/** Totals are counted up to this; past it a reply says "1000+". */
export const TOTAL_CAP = 1000;

/**
 * Finds the events a sloppy query means. Words are first read against the archive's vocabulary (typos
 * corrected, prefixes completed), then SQLite FTS5 gathers candidates that contain every word (or all
 * but one), and fuse.js with bm25 re-rank them. A query that is mostly unknown words gets no results;
 * one unknown word among known ones is left out (and said so) when the rest match together.
 */
export function searchEvents(
  query: ParsedQuery,
  index: SearchIndex,
  options: { limit: number; offset?: number; nowMs: number },
): SearchOutcome {
  const dated = searchOnce(query, index, options);
  if (dated.hits.length || !query.range || !query.dateWords?.length) return dated;
  // A date phrase that leaves nothing may not have been meant as one ("Global Overview 2012", "Africa
  // Today"): search its words with the rest, and say the date was not applied.
  const undated = searchOnce(
    { ...query, range: undefined, dateWords: undefined, words: [...query.words, ...query.dateWords] },
    index,
    options,
  );
  return undated.hits.length ? { ...undated, undated: query.range.label } : dated;
}

function searchOnce(
  query: ParsedQuery,
  index: SearchIndex,
  options: { limit: number; offset?: number; nowMs: number },
): SearchOutcome {
  const offset = options.offset ?? 0;
  const direct = directHit(query, index);
  if (direct) return { ...EMPTY, hits: offset ? [] : [direct], total: 1 };
  const dfOf = new Map<string[], number>();
  const read = wordReader(index, dfOf);
  const readings = query.words.map(read);
  const corrections = readings
    .filter((r) => r.kind === 'typo' || r.kind === 'prefix')
    .map((r) => ({ typed: r.typed, read: r.terms[0] }));
  const unknown = readings.filter((r) => r.kind === 'unknown').map((r) => r.typed);
  const known = readings.filter((r) => r.terms.length);
  const filterClauses = filterClausesOf(query, read, dfOf);
  // Calendar days are the venue's: the SQL range is widened by the widest zone offsets, then each
  // candidate's own date (its start as written) decides.
  const days = query.range?.days;
  const filters: EventFilters = {
    fromMs: days ? (query.range?.fromMs ?? 0) - ZONE_SLACK_MS : query.range?.fromMs,
    toMs: days ? (query.range?.toMs ?? 0) + ZONE_SLACK_MS : query.range?.toMs,
    type: query.type,
  };
  const onDays = (start: string) =>
    !days || (start.slice(0, 10) >= days.from && start.slice(0, 10) < days.to);
  const outcome = (
    hits: Hit[],
    more: boolean,
    suggestions: string[] = [],
    total = hits.length,
    totalIsFloor = false,
    ignored: string[] = [],
  ): SearchOutcome => ({
    hits,
    corrections,
    unknown,
    ignored,
    suggestions,
    more,
    total: Math.max(total, offset + hits.length),
    totalIsFloor,
  });

  if (filterClauses === undefined) {
    // "hosted by …" read from a question names no host the archive knows: search those words instead.
    if (query.loose)
      return searchEvents(
        {
          ...query,
          words: [...query.words, ...(query.host ?? []), ...(query.speaker ?? [])],
          host: undefined,
          speaker: undefined,
          loose: false,
        },
        index,
        options,
      );
    return outcome([], false, []);
  }
  // One unknown word among words the archive uses as typed is left out, if the rest then match together.
  const dropOne = unknown.length === 1 && known.length >= 1 && known.every((r) => r.kind === 'exact');
  const judged = dropOne ? known : readings;
  const confidence = judged.length ? judged.reduce((sum, r) => sum + r.confidence, 0) / judged.length : 1;
  if (confidence < MIN_CONFIDENCE && !query.phrases.length) {
    return outcome([], false, suggestionsFor(readings, index, filters));
  }

  const groups = known.map((r) => r.terms);
  if (!groups.length && !query.phrases.length && !filterClauses.length) {
    if (!query.range && !query.type) return outcome([], false);
    const slack = days ? BROWSE_SLACK : 0;
    const browsed = index.browse(filters, 'desc', offset + options.limit + 1 + slack, 0, true);
    const ids = (
      days
        ? index
            .digests(browsed)
            .filter((d) => onDays(d.start))
            .map((d) => d.id)
        : browsed
    ).slice(offset);
    const hits = index
      .events(ids.slice(0, options.limit).map((id) => shownOccurrence(id, index, options.nowMs, filters)))
      .map((event) => ({ event, score: 1, matched: ['start'] }));
    const total = days ? offset + ids.length : index.countBrowse(filters, TOTAL_CAP);
    return outcome(hits, ids.length > options.limit, [], total, false);
  }

  const window = Math.max(CANDIDATES, offset + options.limit + 1);
  const gathered = gather(groups, dfOf, query.phrases, filterClauses, filters, index, window, !dropOne);
  if (days) gathered.candidates = gathered.candidates.filter((c) => onDays(c.event.start));
  const phrase = query.phrases[0]?.join(' ') ?? groups.map((g) => g[0]).join(' ');
  // The first few candidates are re-ranked; past them (deep pages) bm25 order stands, so every page
  // comes from one fixed order and paging to the end shows each match once.
  const head = rankCandidates(gathered.candidates.slice(0, CANDIDATES), groups, phrase, options.nowMs);
  const tail = gathered.candidates.slice(CANDIDATES).map((c) => ({ event: c.event, score: 0, matched: [] }));
  const seen = new Set<string>();
  const ranked = [...head, ...tail].filter((r) => {
    const key = r.event.series ?? `id:${r.event.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!ranked.length) return outcome([], false, suggestionsFor(readings, index, filters));
  const page = ranked.slice(offset, offset + options.limit);
  const shown = page.map((r) =>
    r.event.series ? shownOccurrence(r.event.id, index, options.nowMs, filters, r.event) : r.event.id,
  );
  const events = new Map(index.events(shown).map((e) => [e.id, e]));
  const hits = page.flatMap((r, i) => {
    const event = events.get(shown[i]);
    return event ? [{ event, score: r.score, matched: r.matched }] : [];
  });
  const total = gathered.strict
    ? index.countMatches({ clauses: gathered.clauses, filters, limit: 0, scope: gathered.scope }, TOTAL_CAP)
    : ranked.length;
  return outcome(
    hits,
    ranked.length > offset + options.limit,
    [],
    Math.max(total, ranked.length),
    total >= TOTAL_CAP,
    dropOne ? unknown : [],
  );
}

/**
 * The occurrence of a series to show for a matched one: the next within the filters, unless the
 * matched occurrence was renamed (its own title is what the query found).
 */
function shownOccurrence(
  id: string,
  index: SearchIndex,
  nowMs: number,
  filters: EventFilters,
  matched?: EventDigest,
): string {
  const digest = matched ?? index.digests([id])[0];
  if (!digest?.series) return id;
  const next = index.nextInSeries(digest.series, nowMs, filters);
  if (!next || next === id) return id;
  const [other] = index.digests([next]);
  return other && other.title.toLowerCase() === digest.title.toLowerCase() ? next : id;
}

/** Filters on people and themes become column-restricted clauses; undefined when a filter can't match. */
function filterClausesOf(
  query: ParsedQuery,
  read: (word: string) => WordReading,
  dfOf: Map<string[], number>,
): TextClause[] | undefined {
  const clauses: TextClause[] = [];
  // Host acronyms, the type and the place are indexed among the tags (see ftsDocument).
  const specs: [string[] | undefined, SearchColumn[]][] = [
    [query.speaker, ['speakers']],
    [query.host, ['hosts', 'tags']],
    [query.theme, ['themes']],
    [query.place, ['tags']],
  ];
  for (const [words, columns] of specs) {
    if (!words?.length) continue;
    const groups = words.map((w) => read(w).terms);
    if (groups.some((g) => !g.length)) return undefined;
    clauses.push({ groups: selectiveGroups(groups, dfOf), columns });
  }
  return clauses;
}

/** Did-you-mean: titles found when any single word is enough, else the archive words closest to the unknown ones. */
function suggestionsFor(readings: WordReading[], index: SearchIndex, filters: EventFilters): string[] {
  // The rarest few words are enough to name a title; every common one would make the OR walk more.
  const known = readings
    .filter((r) => r.terms.length)
    .sort((a, b) => a.df - b.df)
    .slice(0, MIN_MATCHED_WORDS);
  const titles = known.length
    ? index
        .events(
          index
            .match({
              clauses: [
                {
                  groups: [known.flatMap((r) => r.terms)],
                  columns: ['title', 'themes', 'speakers', 'hosts'],
                },
              ],
              filters,
              limit: 3,
              budget: FALLBACK_MATCHES,
              scope: 'short',
            })
            .map((r) => r.id),
        )
        .map((e) => e.title)
    : [];
  const words = nearUnknownWords(readings, index);
  return [...new Set([...titles, ...words])].slice(0, 5);
}
