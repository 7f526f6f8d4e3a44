import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/core/commands/deps.js';
import {
  inputTooLarge,
  MAX_COMMAND_CHARS,
  MAX_FILTER_CHARS,
  MAX_WORD_CHARS,
} from '../../src/core/input-limits.js';
import type { CommandRunner } from '../../src/slack/command-runner.js';
import { limitedRunner, perUserRateLimit, SLOW_DOWN } from '../../src/slack/request-limits.js';

describe('input limits, checked before any search', () => {
  it.each([
    ['speaker', `speaker:${'a'.repeat(10_000)}`],
    ['host', `host:"${'b '.repeat(MAX_FILTER_CHARS)}"`],
    ['theme', `theme:${'c'.repeat(MAX_FILTER_CHARS + 1)}`],
  ])('refuses an over-long %s: value and says what to type', (key, text) => {
    const message = inputTooLarge(text.slice(0, MAX_COMMAND_CHARS));
    expect(message).toContain(`${key}:`);
    expect(message).toMatch(/too long/);
  });

  it('refuses text over the command limit, and one over-long word', () => {
    expect(inputTooLarge('peace '.repeat(100))).toMatch(new RegExp(`at most ${MAX_COMMAND_CHARS}`));
    expect(inputTooLarge(`remind ${'x'.repeat(MAX_WORD_CHARS + 1)} tomorrow`)).toMatch(/words is too long/);
  });

  it('lets ordinary commands, long filters within the cap and pasted links through', () => {
    for (const text of [
      'peace operations 2019',
      'speaker:"Jean-Pierre Lacroix" theme:peacekeeping',
      `host:${'h'.repeat(MAX_FILTER_CHARS)}`,
      'subscribe humanitarian weekly monday at 9am',
      'https://www.ipinst.org/2019/03/a-very-long-event-slug-that-is-well-over-forty-characters',
    ]) {
      expect(inputTooLarge(text), text).toBeUndefined();
    }
  });
});

describe('per-user rate limit', () => {
  it('allows a burst, refuses beyond it, and refills with time; each user has their own allowance', () => {
    let now = 0;
    const allow = perUserRateLimit({ burst: 3, perSecond: 2, now: () => now });
    expect([allow('U1'), allow('U1'), allow('U1'), allow('U1')]).toEqual([true, true, true, false]);
    expect(allow('U2')).toBe(true);
    now += 499;
    expect(allow('U1')).toBe(false);
    now += 1;
    expect(allow('U1')).toBe(true);
  });
});

describe('the limited runner', () => {
  const counting = () => {
    const seen: string[] = [];
    const inner: CommandRunner = {
      command: async (input) => {
        seen.push(input.text);
        return { visibility: 'ephemeral', reply: { kind: 'notice', tone: 'info', text: 'ran' } };
      },
      action: async () => ({ visibility: 'ephemeral', reply: { kind: 'notice', tone: 'info', text: 'ran' } }),
      close: async () => {},
    };
    return { seen, inner };
  };
  const input = (text: string, userId = 'U1'): CommandInput => ({ text, userId });

  it('answers an over-long value itself and never hands it to a worker', async () => {
    const { seen, inner } = counting();
    const runner = limitedRunner(inner);
    const result = await runner.command(input(`speaker:${'z'.repeat(300)}`));
    expect(result.reply).toMatchObject({ kind: 'notice', tone: 'warning' });
    expect(JSON.stringify(result.reply)).toMatch(/speaker:Guterres/);
    expect(seen).toEqual([]);
  });

  it('tells a user over their rate to wait, while others are still served', async () => {
    const { seen, inner } = counting();
    const now = 0;
    const runner = limitedRunner(inner, perUserRateLimit({ burst: 2, now: () => now }));
    await runner.command(input('a'));
    await runner.command(input('b'));
    const third = await runner.command(input('c'));
    expect(third.reply).toEqual({ kind: 'notice', tone: 'warning', text: SLOW_DOWN });
    expect((await runner.command(input('d', 'U2'))).reply).toMatchObject({ text: 'ran' });
    expect(seen).toEqual(['a', 'b', 'd']);
  });
});
