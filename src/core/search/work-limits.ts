import type { SearchIndex, TextClause } from '../ports/search.js';
import { nearWords, readWord, type WordReading } from './correct.js';

/**
 * How much search work one request may cause, whatever it holds (issue 15: no request holds a worker
 * for more than a few hundred milliseconds at 100k events). The input caps (core/input-limits.ts)
 * bound what is typed; these bound what the search does with it.
 */

/**
 * Words one request may have corrected or completed: each is a search of the vocabulary's trigram
 * index (about 10 ms at 100k events). Twelve typos would take more than a tenth of a second; past
 * this many, further unknown words are left unknown (and said so).
 */
export const MAX_CORRECTED_WORDS = 4;
/** Unknown words for which "did you mean" looks for close archive words (each one more vocabulary search). */
export const MAX_SUGGESTED_WORDS = 2;
/**
 * Postings one MATCH may have to intersect: the words are matched rarest first, and once the events
 * using them add up past this, the commoner words are left to the ranking rather than the index. A
 * paragraph of common words ANDed in the full index took 90 ms at 100k events; a small archive, or a
 * query of a few words, never comes near it.
 */
export const MAX_MATCH_POSTINGS = 60_000;
/** Words always matched, however common: fewer would find too much to rank. */
export const MIN_MATCHED_WORDS = 3;
/**
 * Postings all of one request's MATCHes may read together. The first MATCH always runs; the fallbacks
 * after it (the full index, a word left out, a paraphrase) run only while the request is under this.
 * FTS5 reads a term's whole doclist to walk it newest first, so postings are what a MATCH costs:
 * about 0.2 ms per thousand at 100k events here.
 */
export const MAX_REQUEST_POSTINGS = 400_000;
/** The short index (titles, themes, people, tags) holds about a quarter of the full one's postings. */
const SHORT_SHARE = 0.25;

/**
 * A word reader for one request: it corrects or completes at most {@link MAX_CORRECTED_WORDS} words,
 * and notes in `dfOf` how many events use what each word was read as.
 */
export function wordReader(index: SearchIndex, dfOf?: Map<string[], number>): (word: string) => WordReading {
  let corrections = MAX_CORRECTED_WORDS;
  return (word) => {
    const reading = readWord(word, index, { correct: corrections > 0 });
    if (reading.kind !== 'exact') corrections -= 1;
    dfOf?.set(reading.terms, reading.df);
    return reading;
  };
}

/** What one request's MATCHes have read so far, in postings, and whether a fallback may still run. */
export interface WorkBudget {
  /** Counts a MATCH of `clauses`; false (and not counted) when an optional one would pass the budget. */
  spend(clauses: TextClause[], scope: 'short' | 'all', optional: boolean): boolean;
}

/** A budget of {@link MAX_REQUEST_POSTINGS}; a group's postings from `dfOf`, a phrase word's from the index. */
export function workBudget(dfOf: Map<string[], number>, index: SearchIndex): WorkBudget {
  let spent = 0;
  const wordDf = new Map<string, number>();
  const df = (word: string) => {
    const known = wordDf.get(word);
    if (known !== undefined) return known;
    const n = index.termFrequency(word);
    wordDf.set(word, n);
    return n;
  };
  return {
    spend(clauses, scope, optional) {
      let postings = 0;
      for (const clause of clauses) {
        for (const group of clause.groups)
          postings += dfOf.get(group) ?? group.reduce((n, t) => n + df(t), 0);
        for (const phrase of clause.phrases ?? []) postings += phrase.reduce((n, w) => n + df(w), 0);
      }
      const cost = scope === 'short' ? postings * SHORT_SHARE : postings;
      if (optional && spent + cost > MAX_REQUEST_POSTINGS) return false;
      spent += cost;
      return true;
    },
  };
}

/** Close archive words for the first few words nobody could read, for "did you mean". */
export function nearUnknownWords(readings: WordReading[], index: SearchIndex): string[] {
  return readings
    .filter((r) => !r.terms.length)
    .slice(0, MAX_SUGGESTED_WORDS)
    .flatMap((r) => nearWords(r.typed, index, 2));
}

/**
 * The groups a MATCH should hold: all of them while the events they use stay under
 * {@link MAX_MATCH_POSTINGS}, else the rarest (at least {@link MIN_MATCHED_WORDS}), in typed order.
 */
export function selectiveGroups(groups: string[][], dfOf: Map<string[], number>): string[][] {
  if (groups.length <= MIN_MATCHED_WORDS) return groups;
  const df = (g: string[]) => dfOf.get(g) ?? 0;
  const kept = new Set<string[]>();
  let postings = 0;
  for (const group of [...groups].sort((a, b) => df(a) - df(b))) {
    if (kept.size >= MIN_MATCHED_WORDS && postings + df(group) > MAX_MATCH_POSTINGS) break;
    kept.add(group);
    postings += df(group);
  }
  return groups.filter((g) => kept.has(g));
}
