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

async function indexOf(events: ReturnType<typeof event>[]) {
  const context = memoryContext();
  const dir = tempDir({ 'a.json': JSON.stringify(events) });
  await importArchive([join(dir, 'a.json')], context.store, { now: context.clock.now(), defaultZone: 'UTC' });
  return context.commands.index;
}

describe('browse: filtered lists in start order, a recurring series once', () => {
  const archive = [
    event('w1', '2027-01-04', { series: 'weekly' }),
    event('w2', '2027-01-11', { series: 'weekly' }),
    event('w3', '2027-01-18', { series: 'weekly' }),
    event('m1', '2027-02-01', { series: 'monthly', type: 'Policy Forum' }),
    event('m2', '2027-03-01', { series: 'monthly', type: 'Policy Forum' }),
    event('a', '2027-01-10'),
    event('b', '2027-01-10'),
    event('c', '2027-02-15', { type: 'Policy Forum' }),
  ];

  it('shows a series at its first occurrence in either order, ties by id, and pages through the rest', async () => {
    const index = await indexOf(archive);
    expect(index.browse({}, 'asc', 10, 0, true)).toEqual(['w1', 'a', 'b', 'm1', 'c']);
    expect(index.browse({}, 'desc', 10, 0, true)).toEqual(['m2', 'c', 'w3', 'a', 'b']);
    expect(index.browse({}, 'asc', 2, 2, true)).toEqual(['b', 'm1']);
    expect(index.browse({}, 'asc', 2, 4, true)).toEqual(['c']);
    expect(index.browse({}, 'asc', 0, 0, true)).toEqual([]);
    expect(index.browse({}, 'asc', 3, 0)).toEqual(['w1', 'a', 'b']);
  });

  it('applies date and type filters before folding a series', async () => {
    const index = await indexOf(archive);
    const from = Date.parse('2027-01-11');
    expect(index.browse({ fromMs: from }, 'asc', 10, 0, true)).toEqual(['w2', 'm1', 'c']);
    expect(index.browse({ type: 'policy forum' }, 'desc', 10, 0, true)).toEqual(['m2', 'c']);
    expect(index.browse({ toMs: Date.parse('2027-01-11') }, 'desc', 10, 0, true)).toEqual(['a', 'b', 'w1']);
  });

  it('counts a series once, up to the cap', async () => {
    const index = await indexOf(archive);
    expect(index.countBrowse({}, 1000)).toBe(5);
    expect(index.countBrowse({ type: 'Policy Forum' }, 1000)).toBe(2);
    expect(index.countBrowse({ fromMs: Date.parse('2027-01-11') }, 1000)).toBe(3);
    expect(index.countBrowse({}, 2)).toBe(2);
  });
});
