import type { Event } from '../model.js';
import type { EventFilters, SearchIndex, TextClause } from '../ports/search.js';
import { nearWords, readWord, type WordReading } from './correct.js';
import type { ParsedQuery } from './query-parser.js';
import { type Candidate, rankCandidates } from './rank.js';

/** How many candidates full-text retrieval hands to the re-ranker. */
const CANDIDATES = 25;
/**
 * When even the rarest word of a query is in more events than this, candidates come from the latest
 * matches by date only: ranking every match of "security" in a 100k archive costs tens of ms.
 */
const COMMON_MATCHES = 2000;
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
  /** When there are no hits: closest titles, themes or people to offer instead. */
  suggestions: string[];
  /** True when more hits exist past `offset + limit`. */
  more: boolean;
}

/**
 * Finds the events a sloppy query means. Words are first read against the archive's vocabulary (typos
 * corrected, prefixes completed), then SQLite FTS5 gathers candidates that contain every word (or all
 * but one), and fuse.js with bm25 re-rank them. A query that is mostly unknown words gets no results.
 */
export function searchEvents(
  query: ParsedQuery,
  index: SearchIndex,
  options: { limit: number; offset?: number; nowMs: number },
): SearchOutcome {
  const offset = options.offset ?? 0;
  const readings = query.words.map((w) => readWord(w, index));
  const corrections = readings
    .filter((r) => r.kind === 'typo' || r.kind === 'prefix')
    .map((r) => ({ typed: r.typed, read: r.terms[0] }));
  const unknown = readings.filter((r) => r.kind === 'unknown').map((r) => r.typed);
  const filterClauses = filterClausesOf(query, index);
  const filters: EventFilters = { fromMs: query.range?.fromMs, toMs: query.range?.toMs, type: query.type };
  const outcome = (hits: Hit[], more: boolean, suggestions: string[] = []): SearchOutcome => ({
    hits,
    corrections,
    unknown,
    suggestions,
    more,
  });

  if (filterClauses === undefined) return outcome([], false, []);
  const confidence = readings.length
    ? readings.reduce((sum, r) => sum + r.confidence, 0) / readings.length
    : 1;
  if (confidence < MIN_CONFIDENCE && !query.phrases.length) {
    return outcome([], false, suggestionsFor(readings, index, filters));
  }

  const groups = readings.filter((r) => r.terms.length).map((r) => r.terms);
  if (!groups.length && !query.phrases.length && !filterClauses.length) {
    if (!query.range && !query.type) return outcome([], false);
    const ids = index.browse(filters, 'desc', options.limit + 1, offset);
    const hits = index
      .events(ids.slice(0, options.limit))
      .map((event) => ({ event, score: 1, matched: ['start'] }));
    return outcome(hits, ids.length > options.limit);
  }

  const dfOf = new Map(readings.filter((r) => r.terms.length).map((r) => [r.terms, r.df]));
  const candidates = gather(groups, dfOf, query.phrases, filterClauses, filters, index);
  const phrase = query.phrases[0]?.join(' ') ?? groups.map((g) => g[0]).join(' ');
  const seen = new Set<string>();
  const ranked = rankCandidates(candidates, groups, phrase, options.nowMs).filter((r) => {
    const key = r.event.series ?? `id:${r.event.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!ranked.length) return outcome([], false, suggestionsFor(readings, index, filters));
  const page = ranked.slice(offset, offset + options.limit);
  // Storage returns one occurrence per recurring series; show the one a reader wants, the next.
  const shown = page.map((r) =>
    r.event.series ? (index.nextInSeries(r.event.series, options.nowMs) ?? r.event.id) : r.event.id,
  );
  const events = new Map(index.events(shown).map((e) => [e.id, e]));
  const hits = page.flatMap((r, i) => {
    const event = events.get(shown[i]);
    return event ? [{ event, score: r.score, matched: r.matched }] : [];
  });
  return outcome(hits, ranked.length > offset + options.limit);
}

/** Filters on people and themes become column-restricted clauses; undefined when a filter can't match. */
function filterClausesOf(query: ParsedQuery, index: SearchIndex): TextClause[] | undefined {
  const clauses: TextClause[] = [];
  const specs = [
    [query.speaker, 'speakers'],
    [query.host, 'hosts'],
    [query.theme, 'themes'],
  ] as const;
  for (const [words, column] of specs) {
    if (!words?.length) continue;
    const groups = words.map((w) => readWord(w, index).terms);
    if (groups.some((g) => !g.length)) return undefined;
    clauses.push({ groups, columns: [column] });
  }
  return clauses;
}

/**
 * Candidates that contain every word come first; when they are few, those that miss one word join
 * them (one stray or mistyped word should not hide the event), marked as not strict.
 */
function gather(
  groups: string[][],
  dfOf: Map<string[], number>,
  phrases: string[][],
  filterClauses: TextClause[],
  filters: EventFilters,
  index: SearchIndex,
): Candidate[] {
  const found = new Map<string, Omit<Candidate, 'event'>>();
  // Equal bm25 scores share a rank, so identical texts leave the decision to recency.
  const add = (rows: { id: string; score: number }[], strict: boolean) => {
    let previous: { score: number; rank: number } | undefined;
    for (const row of rows) {
      if (found.has(row.id)) continue;
      const rank = previous && previous.score === row.score ? previous.rank : found.size + 1;
      found.set(row.id, { bm25Rank: rank, strict });
      previous = { score: row.score, rank };
    }
  };
  const run = (g: string[][], scope: 'short' | 'all', limit: number) => {
    const selective = Math.min(...g.map((terms) => dfOf.get(terms) ?? 0));
    const budget =
      scope === 'all' || (selective > COMMON_MATCHES && !phrases.length) ? COMMON_MATCHES : undefined;
    return index.match({
      clauses: [{ groups: g, phrases }, ...filterClauses],
      filters,
      limit,
      budget,
      scope,
    });
  };
  const relax = (scope: 'short' | 'all') => {
    if (groups.length < 2 || groups.length > 6) return;
    for (let skip = 0; skip < groups.length; skip++) {
      add(
        run(
          groups.filter((_, i) => i !== skip),
          scope,
          Math.max(5, Math.ceil(CANDIDATES / (2 * groups.length))),
        ),
        false,
      );
    }
  };
  // Titles, themes and people first: their index is small. Summaries and bodies only when those fail.
  add(run(groups, 'short', CANDIDATES), true);
  if (found.size < 2) add(run(groups, 'all', CANDIDATES), true);
  if (found.size < 2) relax('short');
  if (found.size === 0) relax('all');
  return index.digests([...found.keys()]).map((event) => ({ ...found.get(event.id)!, event }));
}

/** Did-you-mean: titles found when any single word is enough, else the archive words closest to the unknown ones. */
function suggestionsFor(readings: WordReading[], index: SearchIndex, filters: EventFilters): string[] {
  const known = readings.filter((r) => r.terms.length);
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
              budget: COMMON_MATCHES,
              scope: 'short',
            })
            .map((r) => r.id),
        )
        .map((e) => e.title)
    : [];
  const words = readings.filter((r) => r.kind === 'unknown').flatMap((r) => nearWords(r.typed, index, 2));
  return [...new Set([...titles, ...words])].slice(0, 5);
}
