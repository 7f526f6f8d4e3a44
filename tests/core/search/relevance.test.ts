import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { relevanceContext, topIds } from '../../helpers/search.js';

interface Labelled {
  kind: string;
  query: string;
  expect: string | null;
}

const queries: Labelled[] = JSON.parse(
  readFileSync(new URL('../../fixtures/relevance/queries.json', import.meta.url), 'utf8'),
);
const context = relevanceContext();
const outcomes: { q: Labelled; ids: string[] }[] = queries.map((q) => ({ q, ids: topIds(context, q.query) }));

const answerable = outcomes.filter((o) => o.q.expect);
const none = outcomes.filter((o) => !o.q.expect);
const rate = (hits: number, of: number) => (of ? hits / of : 1);
const top1 = rate(answerable.filter((o) => o.ids[0] === o.q.expect).length, answerable.length);
const top5 = rate(answerable.filter((o) => o.ids.includes(o.q.expect!)).length, answerable.length);
const emptyNone = rate(none.filter((o) => o.ids.length === 0).length, none.length);

afterAll(() => {
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
      `  ${kind.padEnd(8)} n=${String(k.n).padStart(3)}  top1 ${pct(k.top1 / k.n)}  top5 ${pct(k.top5 / k.n)}`,
  );
  const misses = outcomes
    .filter(({ q, ids }) => (q.expect ? ids[0] !== q.expect : ids.length > 0))
    .map(
      ({ q, ids }) =>
        `  miss [${q.kind}] "${q.query}" → ${ids[0] ?? '(none)'}${q.expect ? ` (want ${q.expect})` : ''}`,
    );
  console.log(
    [
      `relevance over ${queries.length} labelled queries: top-1 ${pct(top1)}, top-5 ${pct(top5)}, "none" answered empty ${pct(emptyNone)}`,
      ...lines,
      ...misses,
    ].join('\n'),
  );
});

describe('search relevance on the hand-labelled archive', () => {
  it('has a labelled set large and varied enough to mean something', () => {
    expect(queries.length).toBeGreaterThanOrEqual(80);
    expect(new Set(queries.map((q) => q.kind))).toEqual(
      new Set(['typo', 'partial', 'speaker', 'host', 'theme', 'topic', 'date', 'none']),
    );
  });

  it('puts the intended event first for at least 90% of answerable queries', () => {
    expect(top1).toBeGreaterThanOrEqual(0.9);
  });

  it('has the intended event in the top five for at least 97%', () => {
    expect(top5).toBeGreaterThanOrEqual(0.97);
  });

  it('answers at least 80% of off-topic queries with nothing', () => {
    expect(emptyNone).toBeGreaterThanOrEqual(0.8);
  });
});
