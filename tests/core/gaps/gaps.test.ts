import { describe, expect, it } from 'vitest';
import { loadConfiguredArchive } from '../../../src/context.js';
import { EDITORS_ONLY } from '../../../src/core/commands/gaps-command.js';
import { runEventCommand } from '../../../src/core/commands/index.js';
import { missText, similarThemeNames } from '../../../src/core/gaps/gaps.js';
import { gapsSections } from '../../../src/core/gaps/gaps-text.js';
import { memoryContext } from '../../helpers/context.js';
import { tempDir } from '../../helpers/temp.js';

const ARCHIVE = JSON.stringify({
  events: [
    {
      id: 'forum-a',
      title: 'Sahel Mediation Forum',
      start: '2019-03-04',
      timezone: 'Africa/Bamako',
      url: 'https://example.org/events/sahel',
      summary: 'Mediators met.',
      speakers: ['Ann Lee'],
      themes: ['Women, Peace and Security'],
    },
    {
      id: 'forum-b',
      title: 'sahel mediation forum',
      start: '2019-03-04',
      timezone: 'Africa/Bamako',
      url: 'https://example.org/events/sahel-2',
      summary: 'Mediators met again.',
      speakers: ['Ann Lee'],
      themes: ['Women, peace & security'],
    },
    { id: 'bare', title: 'A bare record', start: '2020-01-01' },
  ],
});

async function gapsContext() {
  const dir = tempDir({ 'archive.json': ARCHIVE });
  const context = memoryContext({ EVENT_ARCHIVE: dir, SEARCH_MISS_DAYS: '7' });
  await loadConfiguredArchive(context);
  return context;
}

describe('the gaps report', () => {
  it('lists a search that found nothing by its text and count, never who asked', async () => {
    const context = await gapsContext();
    for (const userId of ['U0ASKER111', 'U0OTHER222'])
      await runEventCommand({ text: 'Xylophone   quartets', userId }, context.commands);
    await runEventCommand({ text: 'sahel mediation', userId: 'U0ASKER111' }, context.commands);

    const result = await runEventCommand({ text: 'gaps', userId: 'U0ED', editor: true }, context.commands);
    expect(result.reply.kind).toBe('gaps');
    if (result.reply.kind !== 'gaps') return;
    expect(result.reply.report.misses).toEqual([
      expect.objectContaining({ query: 'xylophone quartets', count: 2, teamId: '' }),
    ]);
    expect(JSON.stringify(result.reply.report)).not.toMatch(/U0ASKER111|U0OTHER222/);
  });

  it('names records missing fields and likely duplicates with their file and line', async () => {
    const context = await gapsContext();
    const result = await runEventCommand({ text: 'gaps', editor: true }, context.commands);
    if (result.reply.kind !== 'gaps') throw new Error(`expected gaps, got ${result.reply.kind}`);
    const { report } = result.reply;
    expect(report.missing.map((m) => [m.field, m.count])).toEqual([
      ['summary', 1],
      ['themes', 1],
      ['speakers', 1],
      ['url', 1],
      ['timezone', 1],
    ]);
    expect(report.missing[0].examples[0]).toMatchObject({ id: 'bare', source: { line: expect.any(Number) } });
    expect(report.duplicates).toEqual([
      {
        reason: 'same-title-and-day',
        events: [expect.objectContaining({ id: 'forum-a' }), expect.objectContaining({ id: 'forum-b' })],
      },
    ]);
    expect(report.similarThemes[0].titles.map((t) => t.toLowerCase()).sort()).toEqual([
      'women, peace & security',
      'women, peace and security',
    ]);
    const text = gapsSections(report)
      .flatMap((s) => s.lines)
      .join('\n');
    expect(text).toMatch(/A bare record \(2020-01-01\) — .*archive\.json:\d+/);
  });

  it('refuses a non-editor, saying who may see it', async () => {
    const context = await gapsContext();
    const result = await runEventCommand({ text: 'gaps', userId: 'U0ASKER111' }, context.commands);
    expect(result.reply).toEqual({ kind: 'notice', tone: 'warning', text: EDITORS_ONLY });
  });

  it('reads "gaps in …" as a search, not the report', async () => {
    const context = await gapsContext();
    const result = await runEventCommand({ text: 'gaps in mediation', editor: true }, context.commands);
    expect(result.reply.kind).not.toBe('gaps');
  });

  it('drops misses older than SEARCH_MISS_DAYS from the report, and the purge deletes them', async () => {
    const context = await gapsContext();
    const clock = context.clock as unknown as { advance(ms: number): void };
    await runEventCommand({ text: 'xylophone', userId: 'U1' }, context.commands);
    clock.advance(8 * 24 * 60 * 60_000);
    await runEventCommand({ text: 'zither', userId: 'U1' }, context.commands);
    const result = await runEventCommand({ text: 'gaps', editor: true }, context.commands);
    if (result.reply.kind !== 'gaps') throw new Error('expected gaps');
    expect(result.reply.report.misses.map((m) => m.query)).toEqual(['zither']);
    const cutoff = context.clock.now().getTime() - 7 * 24 * 60 * 60_000;
    expect(await context.commands.misses?.purge(cutoff)).toBe(1);
  });
});

describe('what a missed query keeps', () => {
  it('keeps words, never mentions or user ids', () => {
    expect(missText('<@U024BE7LH> Sahel <!here> <https://x.org|mediation> U024BE7LHXX')).toBe(
      'sahel mediation',
    );
  });
});

describe('near-duplicate theme names', () => {
  it('pairs word-order, stop-word and one-letter variants, and leaves distinct themes alone', () => {
    const pairs = similarThemeNames(
      [
        { title: 'Peacekeeping governance', count: 5 },
        { title: 'Governance of peacekeeping', count: 2 },
        { title: 'Resourcing', count: 4 },
        { title: 'Resourcng', count: 1 },
        { title: 'Protection of civilians', count: 3 },
        { title: 'Prevention', count: 3 },
      ],
      10,
    );
    expect(pairs.map((p) => p.titles)).toEqual([
      ['Peacekeeping governance', 'Governance of peacekeeping'],
      ['Resourcing', 'Resourcng'],
    ]);
  });
});
