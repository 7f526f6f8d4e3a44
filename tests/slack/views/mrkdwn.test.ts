import { describe, expect, it } from 'vitest';
import {
  bold,
  DATE_TIME_FORMAT,
  escapeMrkdwn,
  escapeTruncate,
  link,
  slackDate,
  truncate,
} from '../../../src/slack/views/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it('escapes exactly &, < and > as Slack documents', () => {
    expect(escapeMrkdwn('Q&A <!channel> <@U123> <http://evil|click> "quoted" \'single\'')).toBe(
      'Q&amp;A &lt;!channel&gt; &lt;@U123&gt; &lt;http://evil|click&gt; "quoted" \'single\'',
    );
  });

  it('escapes an existing entity again, so it shows literally', () => {
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });
});

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('Resourcing', 10)).toBe('Resourcing');
  });

  it('cuts after a whole word and ends with an ellipsis', () => {
    const cut = truncate('A Fresh Dialogue on UN Peacekeeping', 20);
    expect(cut).toBe('A Fresh Dialogue on…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it('never splits a surrogate pair or an emoji sequence', () => {
    const flags = '🇫🇮🇺🇾'.repeat(20);
    for (let max = 2; max < 40; max++) {
      const cut = truncate(flags, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      expect(cut.replace('…', '').length % 4).toBe(0);
    }
    const family = `x${'👩‍👩‍👧'.repeat(5)}`;
    const cut = truncate(family, 12);
    expect(cut.replace('…', '')).toMatch(/^x(👩‍👩‍👧)*$/u);
  });

  it('handles tiny limits', () => {
    expect(truncate('Peacekeeping', 1)).toBe('…');
    expect(truncate('Peacekeeping', 0)).toBe('');
  });
});

describe('escapeTruncate', () => {
  it('keeps the escaped text within the limit and never leaves half an entity', () => {
    const text = 'R&D & <b> '.repeat(50);
    for (let max = 5; max < 80; max++) {
      const out = escapeTruncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(out).not.toMatch(/[<>]/);
    }
  });
});

describe('link', () => {
  it('links http(s) URLs with an escaped label', () => {
    expect(link('https://www.ipinst.org/events?a=1&b=2', 'Event <page>')).toBe(
      '<https://www.ipinst.org/events?a=1&amp;b=2|Event &lt;page&gt;>',
    );
  });

  it('keeps | < > out of both the URL and the label', () => {
    const out = link('https://example.org/a|b?q=<!channel>', 'one | two');
    expect(out).toBe('<https://example.org/a%7Cb?q=%3C!channel%3E|one ¦ two>');
    expect(out.slice(1, -1)).not.toMatch(/[<>]/);
    expect(out.split('|')).toHaveLength(2);
  });

  it('shows anything but http(s) as plain escaped text', () => {
    expect(link('javascript:alert(1)', 'click <me>')).toBe('click &lt;me&gt;');
    expect(link('not a url', '')).toBe('not a url');
    expect(link('mailto:someone@example.org', 'Mail')).toBe('Mail');
  });
});

describe('bold', () => {
  it('escapes and keeps to one line', () => {
    expect(bold('Peace & <security>\nnow')).toBe('*Peace &amp; &lt;security&gt; now*');
    expect(bold('  ')).toBe('');
  });
});

describe('slackDate', () => {
  it('writes a <!date^…> token with the seconds, the format and an escaped fallback', () => {
    const ms = Date.UTC(2013, 8, 25, 23, 0, 0, 999);
    expect(slackDate(ms, DATE_TIME_FORMAT, 'Wed 25 Sep 2013 <19:00> | EDT')).toBe(
      '<!date^1380150000^{date_long_pretty} at {time}|Wed 25 Sep 2013 &lt;19:00&gt; ¦ EDT>',
    );
  });

  it('drops characters from the format that would break the token', () => {
    expect(slackDate(0, '{date}|<x>^', 'x')).toBe('<!date^0^{date}x|x>');
  });
});
