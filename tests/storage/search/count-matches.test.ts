import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../src/archive/import-archive.js';
import { memoryContext } from '../../helpers/context.js';
import { tempDir } from '../../helpers/temp.js';

const event = (id: string, start: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Mediation forum ${id}`,
  type: 'Panel Discussion',
  start,
  ...extra,
});

describe('countMatches: totals count a recurring series once', () => {
  it('counts matches in the index alone and each series once, with or without a type filter', async () => {
    const context = memoryContext();
    const dir = tempDir({
      'a.json': JSON.stringify([
        event('w1', '2027-01-04', { series: 'weekly' }),
        event('w2', '2027-01-11', { series: 'weekly' }),
        event('w3', '2027-01-18', { series: 'weekly' }),
        event('m1', '2027-02-01', { series: 'monthly', type: 'Policy Forum' }),
        event('m2', '2027-03-01', { series: 'monthly', type: 'Policy Forum' }),
        event('one', '2026-05-01'),
        event('two', '2026-06-01', { type: 'Policy Forum' }),
      ]),
    });
    await importArchive([join(dir, 'a.json')], context.store, {
      now: context.clock.now(),
      defaultZone: 'UTC',
    });
    const index = context.commands.index;
    const request = (type?: string) => ({
      clauses: [{ groups: [['mediation']] }],
      filters: type ? { type } : {},
      limit: 0,
      scope: 'short' as const,
    });
    expect(index.countMatches(request(), 1000)).toBe(4);
    expect(index.countMatches(request('policy forum'), 1000)).toBe(2);
    expect(index.countMatches(request(), 3)).toBe(3);
    expect(index.countMatches({ ...request(), clauses: [{ groups: [['forum'], ['w2']] }] }, 1000)).toBe(1);
  });
});
