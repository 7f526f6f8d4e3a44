import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../src/archive/import-archive.js';
import { memoryContext } from '../../helpers/context.js';
import { tempDir } from '../../helpers/temp.js';

describe('derived: figures from the whole archive are worked out once per archive', () => {
  it('keeps a value until the events change, then works it out again', async () => {
    const context = memoryContext();
    const dir = tempDir();
    const file = join(dir, 'a.json');
    const load = async (titles: string[]) => {
      writeFileSync(
        file,
        JSON.stringify(titles.map((title, i) => ({ id: `e${i}`, title, start: '2026-05-01' }))),
      );
      await importArchive([file], context.store, { now: context.clock.now(), defaultZone: 'UTC' });
    };
    await load(['Mediation forum']);
    let computed = 0;
    const count = () =>
      context.commands.index.derived('event-count', () => {
        computed += 1;
        return context.commands.index.eventCount();
      });
    expect(count()).toBe(1);
    expect(count()).toBe(1);
    expect(computed).toBe(1);
    await load(['Mediation forum']);
    expect(count()).toBe(1);
    expect(computed).toBe(1);
    await load(['Mediation forum', 'Climate dialogue']);
    expect(count()).toBe(2);
    expect(computed).toBe(2);
  });

  it('counts event types once per archive and again after an import changes them', async () => {
    const context = memoryContext();
    const file = join(tempDir(), 'a.json');
    const load = async (types: string[]) => {
      writeFileSync(
        file,
        JSON.stringify(
          types.map((type, i) => ({ id: `e${i}`, title: `Forum ${i}`, type, start: '2026-05-01' })),
        ),
      );
      await importArchive([file], context.store, { now: context.clock.now(), defaultZone: 'UTC' });
    };
    const index = context.commands.index;
    await load(['Speech', 'Speech', 'Workshop']);
    const first = index.types();
    expect(first).toEqual([
      { type: 'Speech', count: 2 },
      { type: 'Workshop', count: 1 },
    ]);
    expect(index.types()).toBe(first);
    await load(['Speech', 'Workshop', 'Workshop', 'Book Launch']);
    expect(index.types()).toEqual([
      { type: 'Workshop', count: 2 },
      { type: 'Book Launch', count: 1 },
      { type: 'Speech', count: 1 },
    ]);
  });
});
