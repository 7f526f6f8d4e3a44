import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/core/model.js';
import type { MatchRequest } from '../../../src/core/ports/search.js';
import { memoryContext } from '../../helpers/context.js';

const event = (id: string, overrides: object) => {
  const result = parseEvent({ id, title: `Event ${id}`, start: '2020-03-01T10:00:00Z', ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.event;
};

describe('phrases over the full index, which keeps no word positions', () => {
  const context = memoryContext();
  context.store.replaceFileEvents('a.jsonl', 'h1', [
    event('in-summary', { summary: 'They spoke of forced migration in the Sahel.' }),
    event('reversed', { summary: 'Migration was forced on many, they said.' }),
    event('in-title', { title: 'Forced Migration Today', start: '2021-05-01T10:00:00Z' }),
    event('in-theme-summary', {
      themes: [{ title: 'Borders', summary: 'Forced migration and its causes.' }],
    }),
    event('in-role', { speakers: [{ name: 'Ana Ruiz', role: 'Envoy on forced migration' }] }),
    event('across-fields', { title: 'Forced', summary: 'Migration' }),
  ]);
  const ids = (request: Partial<MatchRequest>) =>
    context.commands.index
      .match({ clauses: [], filters: {}, limit: 20, scope: 'all', ...request })
      .map((m) => m.id)
      .sort();
  const phrase = [{ groups: [], phrases: [['forced', 'migration']] }];

  it('matches the words in order within one field, and nothing else', () => {
    expect(ids({ clauses: phrase })).toEqual(['in-role', 'in-summary', 'in-theme-summary', 'in-title']);
  });

  it('counts, pages and lists people by the same phrase as it matches', () => {
    const request: MatchRequest = { clauses: phrase, filters: {}, limit: 20, scope: 'all' };
    expect(context.commands.index.countMatches(request, 100)).toBe(4);
    const newest = context.commands.index.newestMatches(request, 0);
    expect(newest[0]).toBe('in-title');
    expect([...newest].sort()).toEqual(['in-role', 'in-summary', 'in-theme-summary', 'in-title']);
    expect(context.commands.index.peopleAt(request, 'speaker', 10)).toEqual([
      { name: 'Ana Ruiz', role: 'Envoy on forced migration', eventId: 'in-role' },
    ]);
  });

  it('keeps a phrase to the columns its clause names, and to a date range', () => {
    expect(
      ids({ clauses: [{ groups: [], phrases: [['forced', 'migration']], columns: ['summary'] }] }),
    ).toEqual(['in-summary']);
    expect(ids({ clauses: phrase, filters: { fromMs: Date.parse('2021-01-01T00:00:00Z') } })).toEqual([
      'in-title',
    ]);
  });
});
