import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArchive } from '../../../src/archive/import-archive.js';
import type { AppContext } from '../../../src/context.js';
import { runAction, runEventCommand } from '../../../src/core/commands/index.js';
import type { CommandResult, Reply } from '../../../src/core/commands/reply.js';
import { fixedClock, memoryContext } from '../../helpers/context.js';
import { relevanceContext } from '../../helpers/search.js';

const SHIPPED = fileURLToPath(new URL('../../../data', import.meta.url));

async function shippedContext(): Promise<AppContext> {
  const context = memoryContext({}, fixedClock('2026-12-01T12:00:00Z'));
  await importArchive([SHIPPED], context.store, { now: context.clock.now(), defaultZone: 'UTC' });
  return context;
}

const asker = { userId: 'U0HELP', channelId: 'C0HELP', channelName: 'events' };

/** What counts as an answer with something in it, for each kind of reply an example can give. */
function found(reply: Reply): boolean {
  switch (reply.kind) {
    case 'event':
    case 'share-preview':
    case 'reminder-set':
      return true;
    case 'list':
    case 'reminders':
    case 'subscriptions':
      return reply.items.length > 0;
    case 'themes':
      return reply.themes.length > 0;
    case 'notice':
      // Setting up a reminder or a digest answers with a confirmation naming what matched.
      return reply.tone === 'info' && /\b[1-9]\d* events? match/.test(reply.text);
    default:
      return false;
  }
}

describe.each([
  ['the shipped archive', shippedContext],
  ['the relevance archive', () => relevanceContext('America/New_York')],
])('help on %s', (_name, make) => {
  let context: AppContext;
  beforeAll(async () => {
    context = await make();
  });
  afterAll(() => context.close());

  it('has a section for finding, upcoming, reminders, digests and sharing', async () => {
    const { reply } = await runEventCommand({ text: 'help', ...asker }, context.commands);
    if (reply.kind !== 'help') throw new Error(reply.kind);
    expect(reply.sections.map((s) => s.title)).toEqual([
      'Find events',
      'Upcoming',
      'Reminders',
      'Digests',
      'Share',
    ]);
  });

  it('every example, typed as shown, finds something; every Try it gives the same answer', async () => {
    const { reply } = await runEventCommand({ text: 'help', ...asker }, context.commands);
    if (reply.kind !== 'help') throw new Error(reply.kind);
    const examples = reply.sections.flatMap((s) => s.examples);
    expect(examples.length).toBeGreaterThanOrEqual(10);
    // In order, so `/event reminders` and `/event subscriptions` list what the examples before them set up.
    for (const example of examples) {
      const typed = await runEventCommand(
        { text: example.command.replace(/^\/event\s*/, ''), ...asker },
        context.commands,
      );
      expect(found(typed.reply), `${example.command} → ${JSON.stringify(typed.reply).slice(0, 300)}`).toBe(
        true,
      );
      if (!example.try) continue;
      const clicked: CommandResult = await runAction(example.try, context.commands, asker.userId, asker);
      expect(clicked.reply.kind, example.command).toBe(typed.reply.kind);
    }
    expect(examples.filter((e) => e.try).length).toBeGreaterThanOrEqual(8);
  });

  it('takes its examples from the archive, not from a fixed list', async () => {
    const { reply } = await runEventCommand({ text: 'help', ...asker }, context.commands);
    if (reply.kind !== 'help') throw new Error(reply.kind);
    const commands = reply.sections.flatMap((s) => s.examples.map((e) => e.command)).join('\n');
    const past = context.commands.index.events(
      context.commands.index.browse({ toMs: context.clock.now().getTime() }, 'desc', 1000, 0),
    );
    const searched = /^\/event ([a-z][^:\n]*)$/m.exec(commands)?.[1] ?? '';
    expect(searched).not.toBe('');
    const titles = past
      .filter((e) => !e.tags.some((t) => t.toLowerCase() === 'sample'))
      .map((e) => e.title.toLowerCase());
    expect(titles.some((t) => searched.split(' ').every((w) => t.includes(w)))).toBe(true);
  });
});

it('help examples follow the archive loaded', async () => {
  const a = await shippedContext();
  const b = await relevanceContext('America/New_York');
  const commands = async (c: AppContext) => {
    const { reply } = await runEventCommand({ text: 'help', ...asker }, c.commands);
    return reply.kind === 'help' ? reply.sections.flatMap((s) => s.examples.map((e) => e.command)) : [];
  };
  expect(await commands(a)).not.toEqual(await commands(b));
  a.close();
  b.close();
});
