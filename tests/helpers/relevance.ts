import type { AppContext } from '../../src/context.js';
import { topIds } from './search.js';

/** One labelled query: the event that should come first, or null when nothing should. */
export interface Labelled {
  kind: string;
  query: string;
  expect: string | null;
}

/** How a labelled set scored: top-1 and top-5 over answerable queries, and "none" answered empty. */
export interface RelevanceScore {
  top1: number;
  top5: number;
  emptyNone: number;
  /** The per-kind table and every miss, to print. */
  report: string;
}

/** Runs every labelled query through search and scores the answers. */
export function scoreRelevance(name: string, queries: Labelled[], context: AppContext): RelevanceScore {
  const outcomes = queries.map((q) => ({ q, ids: topIds(context, q.query) }));
  const answerable = outcomes.filter((o) => o.q.expect);
  const none = outcomes.filter((o) => !o.q.expect);
  const rate = (hits: number, of: number) => (of ? hits / of : 1);
  const top1 = rate(answerable.filter((o) => o.ids[0] === o.q.expect).length, answerable.length);
  const top5 = rate(answerable.filter((o) => o.ids.includes(o.q.expect!)).length, answerable.length);
  const emptyNone = rate(none.filter((o) => o.ids.length === 0).length, none.length);

  const byKind = new Map<string, { n: number; top1: number; top5: number }>();
  for (const { q, ids } of outcomes) {
    const k = byKind.get(q.kind) ?? { n: 0, top1: 0, top5: 0 };
    k.n++;
    if (q.expect ? ids[0] === q.expect : !ids.length) k.top1++;
    if (q.expect ? ids.includes(q.expect) : !ids.length) k.top5++;
    byKind.set(q.kind, k);
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [...byKind].map(
    ([kind, k]) =>
      `  ${kind.padEnd(13)} n=${String(k.n).padStart(3)}  top1 ${pct(k.top1 / k.n)}  top5 ${pct(k.top5 / k.n)}`,
  );
  const misses = outcomes
    .filter(({ q, ids }) => (q.expect ? ids[0] !== q.expect : ids.length > 0))
    .map(
      ({ q, ids }) =>
        `  miss [${q.kind}] "${q.query}" → ${ids[0] ?? '(none)'}${q.expect ? ` (want ${q.expect}${ids.includes(q.expect) ? ', in top 5' : ''})` : ''}`,
    );
  const report = [
    `${name} over ${queries.length} labelled queries: top-1 ${pct(top1)}, top-5 ${pct(top5)}, "none" answered empty ${pct(emptyNone)}`,
    ...lines,
    ...misses,
  ].join('\n');
  return { top1, top5, emptyNone, report };
}
