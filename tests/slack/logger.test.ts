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

describe('JSON logs', () => {
  const at = new Date('2027-01-02T03:04:05.678Z');
  function json(secrets: string[] = []) {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      format: 'json',
      secrets,
      now: () => at,
      write: (line) => lines.push(line),
    });
    return { lines, logger };
  }

  it('writes one JSON object a line with time, level, logger name and message', () => {
    const { lines, logger } = json();
    logger.setName('bolt-app');
    logger.warn('auth.test failed', { attempt: 2 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2027-01-02T03:04:05.678Z',
      level: 'warn',
      logger: 'bolt-app',
      msg: 'auth.test failed { attempt: 2 }',
    });
  });

  it.each(TOKENS)('never prints %s in a JSON line either', (token) => {
    const { lines, logger } = json();
    logger.error(new Error(`invalid_auth for ${token}`));
    logger.debug({ headers: { Authorization: `Bearer ${token}` } });
    for (const line of lines) {
      expect(JSON.parse(line).msg).toContain('[redacted]');
      expect(line).not.toContain(token.slice(-6));
    }
  });
});

describe('redaction whatever the characters', () => {
  // Secrets with the characters escaping changes (quotes, backslashes, newlines) or that end a token pattern.
  const ODD = [
    'xoxb-123-456-ab"cd\\ef',
    "xoxp-1-2-it's-{braced}",
    'xapp-1-A0-(paren)[x]',
    'xoxe-1-refresh;with,commas|pipes',
    'signing"secret\\with\nnewline',
    '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  ];

  it.each(ODD)('redacts the configured secret %j in text, JSON and inspected objects', (secret) => {
    for (const format of ['text', 'json'] as const) {
      const lines: string[] = [];
      const logger = createLogger({ level: 'debug', format, secrets: [secret], write: (l) => lines.push(l) });
      logger.info(`plain ${secret} end`);
      logger.info('object', { token: secret, nested: [{ secret }] });
      logger.error(new Error(`failed with ${secret}`));
      for (const line of lines) {
        const tail = secret.slice(-5);
        expect(line).not.toContain(tail);
        expect(line).not.toContain(JSON.stringify(tail).slice(1, -1));
        if (format === 'json') expect(JSON.parse(line).msg).not.toContain(tail);
      }
    }
  });

  it('redacts a token learnt while running (an installation’s) exactly, as it is used', () => {
    const { lines, logger } = (() => {
      const lines: string[] = [];
      return { lines, logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
    })();
    const token = 'xoxb-T0AAA-"quoted"-tail42';
    logger.add(token);
    logger.debug(`posting with ${token}`);
    expect(lines[0]).toBe('DEBUG event-bot: posting with [redacted]');
  });

  it('redacts Authorization credentials of any scheme, and keeps the scheme', () => {
    expect(redact('Authorization: Bearer abc.def-ghi_jkl')).toBe('Authorization: Bearer [redacted]');
    expect(redact("{ authorization: 'Basic dXNlcjpwYXNz' }")).toBe("{ authorization: 'Basic [redacted]' }");
    expect(redact('"Authorization":"Bearer opaque-token-123"')).toBe('"Authorization":"Bearer [redacted]"');
  });

  it('lists every configured secret, the app token and the database password included', async () => {
    const { loadConfig } = await import('../../src/config.js');
    const { configSecrets } = await import('../../src/slack/logger.js');
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-2-bot',
      SLACK_APP_TOKEN: 'xapp-1-A0-3-app',
      DATABASE_URL: 'postgres://bot:s%40cret-pass@db/bot',
    });
    expect(configSecrets(config)).toEqual(['xoxb-1-2-bot', 'xapp-1-A0-3-app', 's@cret-pass']);
  });
});
