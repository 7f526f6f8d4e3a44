import { describe, expect, it } from 'vitest';
import { commandTextFromMessage, plainMessageText } from '../../src/slack/message-text.js';

describe('reading Slack message markup as plain text', () => {
  it('drops the bot’s own mention and a leading /event, keeping the question', () => {
    expect(commandTextFromMessage('<@U0BOT> upcoming mediation', 'U0BOT')).toBe('upcoming mediation');
    expect(commandTextFromMessage('/event   peacekeeping  finland')).toBe('peacekeeping finland');
    expect(commandTextFromMessage('event: themes')).toBe('themes');
    expect(commandTextFromMessage('eventual consistency')).toBe('eventual consistency');
  });

  it('decodes Slack’s three entities and turns links into their URL', () => {
    expect(plainMessageText('women &amp; peace &lt;2019&gt;')).toBe('women & peace <2019>');
    expect(plainMessageText('see <https://example.org/a?b=1|the page>')).toBe(
      'see https://example.org/a?b=1',
    );
  });

  it('drops broadcasts and keeps other people only as plain words', () => {
    const text = plainMessageText('<!channel> <!here> ask <@U9|maria> in <#C1|events>', 'U0BOT');
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toContain('channel>');
    expect(text.replace(/\s+/g, ' ').trim()).toBe('ask @maria in #events');
  });
});
