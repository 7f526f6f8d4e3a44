import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type Labelled, scoreRelevance } from '../../helpers/relevance.js';
import { RELEVANCE_REAL_ARCHIVE, relevanceContext } from '../../helpers/search.js';

// The queries were written before search was tuned on them (see tests/fixtures/relevance-real/README.md).
const queries: Labelled[] = JSON.parse(
  readFileSync(new URL('../../fixtures/relevance-real/queries.json', import.meta.url), 'utf8'),
);
const score = scoreRelevance(
  'real-world relevance',
  queries,
  await relevanceContext('UTC', RELEVANCE_REAL_ARCHIVE),
);

afterAll(() => console.log(score.report));

describe('search relevance on real public events, queries written before tuning', () => {
  it('puts the intended event first for at least 95% of answerable queries', () => {
    expect(score.top1).toBeGreaterThanOrEqual(0.95);
  });

  it('has the intended event in the top five for at least 99%', () => {
    expect(score.top5).toBeGreaterThanOrEqual(0.99);
  });

  it('answers at least 80% of off-topic queries with nothing', () => {
    expect(score.emptyNone).toBeGreaterThanOrEqual(0.8);
  });
});
