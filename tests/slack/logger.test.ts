import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../src/slack/logger.js';

const TOKENS = [
  'xoxb-1234567890-0987654321-AbCdEfGhIjKl',
  'xoxp-1-2-3-abcdef',
  'xoxa-2-abc',
  'xoxr-refresh-123',
  'xapp-1-A0APP-123-deadbeef',
  // Unusual characters: each once printed in part.
  'xoxb-123.456_789~abc',
  'xoxe.xoxp-1-Mi0yLTEy',
  'xoxb-1-2-%2Fslash%3D',
  'xoxb-1-2-ünïcødé',
  'xoxb-1-2-a+b=c/d:e@f',
];

function capture(level: `${LogLevel}` = 'debug', secrets: string[] = []) {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level, secrets, write: (line) => lines.push(line) }) };
}

describe('the Bolt logger', () => {
  it.each(TOKENS)('never prints %s, whether in a string, an error or an object', (token) => {
    const { lines, logger } = capture();
    logger.info(`token ${token} in text`);
    logger.error(new Error(`invalid_auth for ${token}`));
    logger.warn({ headers: { Authorization: `Bearer ${token}` } });
    logger.debug('args', ['nested', { deeper: token }]);
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain(token.slice(-6));
      expect(line).toContain('-[redacted]');
    }
  });

  it('redacts configured secrets such as the signing secret', () => {
    const { lines, logger } = capture('debug', ['8f742231b10e8888abcd99yyyzzz85a5']);
    logger.debug('verifying with 8f742231b10e8888abcd99yyyzzz85a5 now');
    expect(lines[0]).toBe('DEBUG event-bot: verifying with [redacted] now');
  });

  it('redacts a secret in its URL-encoded form too', () => {
    const { lines, logger } = capture('debug', ['s3cr3t/with+chars=']);
    logger.debug(`body secret=${encodeURIComponent('s3cr3t/with+chars=')}&x=1`);
    expect(lines[0]).toBe('DEBUG event-bot: body secret=[redacted]&x=1');
  });

  it('leaves ordinary text alone', () => {
    expect(redact('xoxo and xapple, user U0ASKER, ref=abc123')).toBe(
      'xoxo and xapple, user U0ASKER, ref=abc123',
    );
  });

  it('drops lines below its level, and follows setLevel as Bolt uses it', () => {
    const { lines, logger } = capture('warn');
    logger.info('hidden');
    logger.warn('shown');
    logger.setLevel(LogLevel.DEBUG);
    logger.debug('now shown');
    expect(lines).toEqual(['WARN event-bot: shown', 'DEBUG event-bot: now shown']);
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
  });
});
