import { describe, expect, it } from 'vitest';
import type { SearchIndex } from '../../../src/core/ports/search.js';
import { parseQuery } from '../../../src/core/search/query-parser.js';
import { searchEvents } from '../../../src/core/search/search-events.js';
import {
  MAX_CORRECTED_WORDS,
  MAX_MATCH_POSTINGS,
  MAX_REQUEST_POSTINGS,
  MAX_SUGGESTED_WORDS,
  MIN_MATCHED_WORDS,
  selectiveGroups,
  workBudget,
} from '../../../src/core/search/work-limits.js';
import { RELEVANCE_NOW, relevanceContext } from '../../helpers/search.js';

const context = await relevanceContext();

/** The context's index, counting the calls made to it by method. */
function countingIndex(index: SearchIndex): { index: SearchIndex; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const counted = new Proxy(index, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { index: counted, calls };
}

describe('bounded search work per request (issue 15)', () => {
  it('corrects at most a few words of a query full of typos, and looks for close words for two of the rest', () => {
    const { index, calls } = countingIndex(context.commands.index);
    const typos = 'peacekepng mediatoin secuirty humanitrian protecton civlians sahle climte migraton';
    const now = new Date(RELEVANCE_NOW);
    const outcome = searchEvents(parseQuery(typos, now, 'UTC'), index, { limit: 5, nowMs: now.getTime() });
    expect(outcome.corrections.length).toBeLessThanOrEqual(MAX_CORRECTED_WORDS);
    expect(outcome.unknown.length).toBeGreaterThanOrEqual(9 - MAX_CORRECTED_WORDS);
    expect(calls.get('similarTerms') ?? 0).toBeLessThanOrEqual(MAX_CORRECTED_WORDS + MAX_SUGGESTED_WORDS);
  });

  it('matches the rarest words of a long query once their events add up past the postings cap', () => {
    const groups = [['the'], ['sahel'], ['of'], ['mediation'], ['and'], ['niger']];
    const df = [90_000, 40, 95_000, 800, 99_000, 30];
    const dfOf = new Map(groups.map((g, i) => [g, df[i]]));
    expect(selectiveGroups(groups, dfOf)).toEqual([['sahel'], ['mediation'], ['niger']]);
    const few = new Map(groups.map((g, i) => [g, Math.min(df[i], 1000)]));
    expect(selectiveGroups(groups, few)).toEqual(groups);
    // However common, the rarest few are always kept: fewer would find too much to rank.
    const common = new Map(groups.map((g) => [g, MAX_MATCH_POSTINGS]));
    expect(selectiveGroups(groups, common)).toHaveLength(MIN_MATCHED_WORDS);
  });

  it('always runs a request’s first MATCH, and a fallback only while its postings allow', () => {
    const heavy = [['peace']];
    const dfOf = new Map([[heavy[0], MAX_REQUEST_POSTINGS + 1]]);
    const light = [{ groups: [], phrases: [['sahel', 'mediation']] }];
    const fresh = workBudget(dfOf, context.commands.index);
    expect(fresh.spend(light, 'all', true)).toBe(true);
    const spent = workBudget(dfOf, context.commands.index);
    expect(spent.spend([{ groups: heavy }], 'all', false)).toBe(true);
    expect(spent.spend(light, 'all', true)).toBe(false);
  });
});
