import type { EventFilters, SearchIndex, TextClause } from '../ports/search.js';
import type { Candidate } from './rank.js';
import { tokenize } from './tokens.js';
import { selectiveGroups, workBudget } from './work-limits.js';

/** How many candidates full-text retrieval hands to the re-ranker. */
export const CANDIDATES = 25;
/**
 * When even the rarest word of a query is in more events than this, candidates come from the latest
 * matches by date only: ranking every match of "security" in a 100k archive costs tens of ms.
 */
export const COMMON_MATCHES = 2000;
/**
 * The matches a fallback ranks (a paraphrase's any-word search, "did you mean" titles): the newest this
 * many. Any-word searches match most of the archive, and ranking 2,000 of them took 20 ms at 100k events.
 */
export const FALLBACK_MATCHES = 500;
/** A paraphrase needs at least this many words, and this share of them in one event's text. */
const LOOSE_MIN_WORDS = 3;
const LOOSE_COVERAGE = 0.6;

/** Candidates in bm25 order, and how they were found: the clauses, where, and whether all held. */
export interface Gathered {
  candidates: Candidate[];
  clauses: TextClause[];
  scope: 'short' | 'all';
  strict: boolean;
}

/**
 * Candidates that contain every word come first; when they are few, those that miss one word join
 * them (one stray or mistyped word should not hide the event), marked as not strict.
 */
export function gather(
  typed: string[][],
  dfOf: Map<string[], number>,
  phrases: string[][],
  filterClauses: TextClause[],
  filters: EventFilters,
  index: SearchIndex,
  window: number,
  mayRelax: boolean,
): Gathered {
  // A paragraph of common words is matched by its rarest ones; the rest still count in the ranking.
  const groups = selectiveGroups(typed, dfOf);
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
  const clausesOf = (g: string[][]): TextClause[] => [{ groups: g, phrases }, ...filterClauses];
  // The first MATCH always runs; each fallback only while the request's postings allow.
  const work = workBudget(dfOf, index);
  let first = true;
  const run = (g: string[][], scope: 'short' | 'all', limit: number) => {
    if (!work.spend(clausesOf(g), scope, !first)) return [];
    first = false;
    const selective = Math.min(...g.map((terms) => dfOf.get(terms) ?? 0));
    const budget =
      scope === 'all' || (selective > COMMON_MATCHES && !phrases.length)
        ? Math.max(COMMON_MATCHES, limit)
        : undefined;
    return index.match({ clauses: clausesOf(g), filters, limit, budget, scope });
  };
  const relax = (scope: 'short' | 'all') => {
    if (!mayRelax || groups.length < 2 || groups.length > 6) return;
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
  // A paraphrase shares most of its words with an event's text but not all: any word may match, and
  // a candidate is kept only when it holds most of the query's words.
  const loose = () => {
    const clauses = [{ groups: [groups.flat()], phrases }, ...filterClauses];
    if (!work.spend(clauses, 'all', true)) return;
    const rows = index.match({
      clauses,
      filters,
      limit: CANDIDATES,
      budget: FALLBACK_MATCHES,
      scope: 'all',
    });
    if (!rows.length) return;
    const digests = new Map(index.digests(rows.map((r) => r.id)).map((d) => [d.id, d]));
    const need = Math.max(LOOSE_MIN_WORDS, Math.ceil(LOOSE_COVERAGE * groups.length));
    add(
      rows.filter((r) => {
        const d = digests.get(r.id);
        if (!d) return false;
        const words = new Set(
          tokenize([d.title, d.summary, ...d.themes, ...d.speakers, ...d.hosts, ...d.tags].join(' ')),
        );
        return groups.filter((g) => g.some((t) => words.has(t))).length >= need;
      }),
      false,
    );
  };
  // Titles, themes and people first: their index is small. Summaries and bodies only when those fail.
  let scope: 'short' | 'all' = 'short';
  add(run(groups, 'short', window), true);
  // A query missing a word must match in titles, themes or people: summaries match too loosely.
  if (found.size < 2 && mayRelax) {
    scope = 'all';
    add(run(groups, 'all', window), true);
  }
  const strict = found.size >= 2;
  if (found.size < 2) relax('short');
  if (found.size === 0) relax('all');
  if (found.size === 0 && groups.length >= LOOSE_MIN_WORDS) loose();
  const candidates = index.digests([...found.keys()]).map((event) => ({ ...found.get(event.id)!, event }));
  return {
    candidates,
    clauses: clausesOf(groups),
    scope,
    strict: strict || candidates.every((c) => c.strict),
  };
}
