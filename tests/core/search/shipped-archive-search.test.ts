import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createContext, loadConfiguredArchive } from '../../../src/context.js';
import { runEventCommand } from '../../../src/core/commands/index.js';
import type { Reply } from '../../../src/core/commands/reply.js';
import { fixedClock } from '../../helpers/context.js';

const context = createContext(loadConfig({ EVENT_DB: ':memory:', EVENT_ARCHIVE: 'data' }), {
  clock: fixedClock('2026-11-29T12:00:00Z'),
});
await loadConfiguredArchive(context);
const card = async (text: string) =>
  (await runEventCommand({ text }, context.commands)).reply as Extract<Reply, { kind: 'event' }>;

describe('search on the shipped archive', () => {
  it('puts the 2013 dinner above the sample events for "peacekeeping"', async () => {
    const reply = await card('peacekeeping');
    expect(reply.event.title).toBe('Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping');
    expect(reply.more.map((h) => h.event.title)).toContain(
      '[Sample] Monthly Peacekeeping Briefing for Member States',
    );
  });

  it('shows a recurring series once, at its next occurrence', async () => {
    const reply = await card('early warning update');
    const titles = [reply.event, ...reply.more.map((h) => h.event)].map((e) => e.title);
    expect(titles.filter((t) => t === '[Sample] Weekly Conflict Early-Warning Update')).toHaveLength(1);
    expect(reply.event.start.slice(0, 10)).toBe('2026-11-30');
  });
});
