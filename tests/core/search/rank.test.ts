import { describe, expect, it } from 'vitest';
import type { EventDigest } from '../../../src/core/ports/search.js';
import { rankCandidates } from '../../../src/core/search/rank.js';

const now = Date.parse('2026-11-29T12:00:00Z');
const digest = (id: string, title: string, extra: Partial<EventDigest> = {}): EventDigest => ({
  id,
  title,
  start: '2015-05-05',
  themes: [],
  speakers: [],
  hosts: [],
  tags: [],
  summary: '',
  series: undefined,
  ...extra,
});
const rank = (
  events: EventDigest[],
  groups: string[][],
  phrase = groups.map((g) => g[0]).join(' '),
  bm25Rank = (i: number) => i + 1,
) =>
  rankCandidates(
    events.map((event, i) => ({ event, bm25Rank: bm25Rank(i), strict: true })),
    groups,
    phrase,
    now,
  ).map((r) => r.event.id);

describe('rankCandidates', () => {
  it('ranks a whole-word title match above a fuzzy one, whatever bm25 said', () => {
    const fuzzy = digest('fuzzy', 'Mediators in the Sahel');
    const whole = digest('whole', 'Mediation in the Sahel');
    expect(rank([fuzzy, whole], [['mediation'], ['sahel']])).toEqual(['whole', 'fuzzy']);
  });

  it('ranks the exact phrase above the same words apart', () => {
    const apart = digest('apart', 'Migration, Women and the Forced Return of Refugees');
    const phrase = digest('phrase', 'Women and Forced Migration');
    expect(rank([apart, phrase], [['forced'], ['migration']], 'forced migration')).toEqual([
      'phrase',
      'apart',
    ]);
  });

  it('ranks title matches above matches in themes, and themes above the summary', () => {
    const inSummary = digest('summary', 'Annual Forum', { summary: 'A session on cyber norms.' });
    const inTheme = digest('theme', 'Annual Dialogue', { themes: ['Cyber norms and the UN'] });
    const inTitle = digest('title', 'Cyber Norms after the Review');
    expect(rank([inSummary, inTheme, inTitle], [['cyber'], ['norms']])).toEqual([
      'title',
      'theme',
      'summary',
    ]);
  });

  it('breaks ties by recency and lifts upcoming events', () => {
    const old = digest('old', 'Climate and Security', { start: '2009-01-01' });
    const recent = digest('recent', 'Climate and Security', { start: '2024-01-01' });
    const upcoming = digest('upcoming', 'Climate and Security', { start: '2027-01-01' });
    const tied = () => 1;
    expect(rank([old, recent, upcoming], [['climate'], ['security']], 'climate security', tied)).toEqual([
      'upcoming',
      'recent',
      'old',
    ]);
  });

  it('reports which fields matched, for highlighting', () => {
    const event = digest('e', 'Peacekeeping in Mali', { hosts: ['Government of Finland'] });
    const [ranked] = rankCandidates(
      [{ event, bm25Rank: 1, strict: true }],
      [['peacekeeping'], ['finland']],
      '',
      now,
    );
    expect(ranked.matched.sort()).toEqual(['hosts', 'title']);
    expect(ranked.score).toBeGreaterThan(0);
    expect(ranked.score).toBeLessThanOrEqual(1);
  });
});
