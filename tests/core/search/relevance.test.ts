import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type Labelled, scoreRelevance } from '../../helpers/relevance.js';
import { relevanceContext } from '../../helpers/search.js';

const queries: Labelled[] = JSON.parse(
  readFileSync(new URL('../../fixtures/relevance/queries.json', import.meta.url), 'utf8'),
);
const score = scoreRelevance('relevance', queries, await relevanceContext());

afterAll(() => console.log(score.report));

describe('search relevance on the hand-labelled archive', () => {
  it('has a labelled set large and varied enough to mean something', () => {
    expect(queries.length).toBeGreaterThanOrEqual(80);
    expect(new Set(queries.map((q) => q.kind))).toEqual(
      new Set(['typo', 'partial', 'speaker', 'host', 'theme', 'topic', 'date', 'none']),
    );
  });

  it('puts the intended event first for at least 90% of answerable queries', () => {
    expect(score.top1).toBeGreaterThanOrEqual(0.9);
  });

  it('has the intended event in the top five for at least 97%', () => {
    expect(score.top5).toBeGreaterThanOrEqual(0.97);
  });

  it('answers at least 80% of off-topic queries with nothing', () => {
    expect(score.emptyNone).toBeGreaterThanOrEqual(0.8);
  });
});
