import type { KnownBlock } from '@slack/types';
import { afterAll, describe, expect, it } from 'vitest';
import { runEventCommand } from '../../../src/core/commands/index.js';
import { renderReply } from '../../../src/slack/views/index.js';
import { relevanceContext } from '../../helpers/search.js';

const context = await relevanceContext('America/New_York');
afterAll(() => context.close());
const asker = { userId: 'U0A11Y', channelId: 'C0A11Y', channelName: 'events' };
const run = async (text: string) => (await runEventCommand({ text, ...asker }, context.commands)).reply;

type Json = Record<string, unknown>;
/** Every button in the blocks, with what it says and what a screen reader says. */
function buttons(blocks: readonly KnownBlock[]): { label: string; a11y?: string }[] {
  const out: { label: string; a11y?: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as Json;
    if (n.type === 'button') {
      out.push({ label: String((n.text as Json).text), a11y: n.accessibility_label as string | undefined });
      return;
    }
    for (const value of Object.values(n)) walk(value);
  };
  walk(blocks);
  return out;
}

describe('repeated buttons say what they act on', () => {
  it.each([
    'peacekeeping',
    'upcoming',
    'theme peacekeeping',
    'share peacekeeping',
    'help',
    'reminders',
    'subscriptions',
  ])('"%s": every button whose label repeats has its own accessibility label', async (text) => {
    if (text === 'reminders') {
      await run('remind review of peace operations 1 day before');
      await run('remind review of peace operations 2h before');
    }
    if (text === 'subscriptions') {
      await run('subscribe peacekeeping weekly');
      await run('subscribe mali daily');
    }
    const reply = await run(text);
    const { blocks, text: fallback } = renderReply(reply);
    expect(fallback.length).toBeGreaterThan(10);
    const all = buttons(blocks);
    const counts = new Map<string, number>();
    for (const b of all) counts.set(b.label, (counts.get(b.label) ?? 0) + 1);
    const repeated = all.filter((b) => (counts.get(b.label) ?? 0) > 1);
    expect(repeated.length, `${text} has repeated buttons to check`).toBeGreaterThan(0);
    for (const b of repeated) expect(b.a11y, `${b.label} in ${text}`).toMatch(new RegExp(`^${b.label}: .+`));
    const labels = repeated.map((b) => b.a11y);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
