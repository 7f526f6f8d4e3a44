import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/commands/reply.js';
import { renderReply } from '../../../src/slack/views/index.js';
import { checkLimits } from '../../../src/slack/views/limits.js';
import { makeEvent, makeHit } from '../../helpers/events.js';
import { links, texts, withoutBotTokens } from './inspect.js';

const EVIL = '<!channel> <!here> <@U123> <http://evil.example|click> <!subteam^S1> <#C123> &';

const evilEvent = makeEvent({
  title: `Dinner ${EVIL}`,
  type: `Panel ${EVIL}`,
  location: `Room ${EVIL}`,
  url: 'https://www.ipinst.org/event?a=1&b=<!channel>|<http://evil>',
  hosts: [`Host ${EVIL}`, EVIL],
  speakers: [{ name: `Speaker ${EVIL}`, role: `Role ${EVIL}` }, { name: EVIL }],
  summary: `Summary ${EVIL}\nsecond line ${EVIL}`,
  themes: [
    { title: `Theme ${EVIL}`, summary: `Theme summary ${EVIL}` },
    { title: EVIL, summary: '' },
  ],
});

const replies: [string, Reply][] = [
  [
    'event',
    {
      kind: 'event',
      event: evilEvent,
      heading: `Results for "${EVIL}"`,
      matched: [EVIL],
      more: [{ ...makeHit(), event: { ...evilEvent, id: 'other' } }],
      next: { command: EVIL, offset: 5 },
    },
  ],
  ['shared event', { kind: 'event', event: evilEvent, matched: [], more: [], sharedBy: EVIL }],
  [
    'list',
    {
      kind: 'list',
      heading: `Speaker ${EVIL}`,
      items: [{ ...makeHit(), event: evilEvent }],
      empty: EVIL,
      next: { command: EVIL, offset: 1 },
    },
  ],
  [
    'share picker',
    { kind: 'list', heading: EVIL, items: [{ ...makeHit(), event: evilEvent }], empty: EVIL, pick: 'share' },
  ],
  ['empty list', { kind: 'list', heading: EVIL, items: [], empty: `Nothing for ${EVIL}` }],
  ['themes', { kind: 'themes', heading: EVIL, themes: [{ title: EVIL, count: 3 }], total: 9 }],
  ['theme-detail', { kind: 'theme-detail', event: evilEvent, index: 0 }],
  ['missing theme', { kind: 'theme-detail', event: evilEvent, index: 9 }],
  ['no-match', { kind: 'no-match', query: EVIL, suggestions: [EVIL, `peace ${EVIL}`], hint: EVIL }],
  ['help', { kind: 'help', problem: EVIL, examples: [{ command: EVIL, description: EVIL }] }],
  ['notice', { kind: 'notice', text: EVIL, tone: 'warning' }],
];

describe('user and archive text is escaped in every reply', () => {
  it.each(replies)('%s: no raw <!, <@, <# or <http reaches the message', (_name, reply) => {
    const { text, blocks } = renderReply(reply);
    expect(checkLimits(blocks)).toEqual([]);
    const all = [text, ...texts(blocks)];
    for (const t of all) {
      // Whatever is left once the bot's own tokens are removed must hold no control characters at all.
      expect(withoutBotTokens(t)).not.toMatch(/[<>]/);
      expect(t).not.toMatch(/<[!@#](?!date\^)/);
      expect(t).not.toContain('<http://evil');
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    const joined = all.join('\n');
    expect(joined).toMatch(/&lt;!channel&gt;|&lt;!channel/);
  });

  it('links only to the event page, with the hostile parts of its URL encoded', () => {
    const { blocks } = renderReply(replies[0][1]);
    const found = texts(blocks).flatMap(links);
    expect(found).toEqual([
      {
        url: 'https://www.ipinst.org/event?a=1&amp;b=%3C!channel%3E%7C%3Chttp://evil%3E',
        label: 'Event page',
      },
    ]);
  });

  it('mentions only a well-formed sharer id', () => {
    const good = renderReply({
      ...(replies[1][1] as Extract<Reply, { kind: 'event' }>),
      sharedBy: 'W0ABC123',
    });
    expect(texts(good.blocks).join('\n')).toContain('Shared by <@W0ABC123>');
    const bad = renderReply(replies[1][1]);
    expect(texts(bad.blocks).join('\n')).not.toMatch(/<@/);
  });

  it('sets verbatim on mrkdwn so Slack does not auto-link bare names and URLs', () => {
    const { blocks } = renderReply(replies[0][1]);
    const json = JSON.stringify(blocks);
    expect(json).not.toContain('"verbatim":false');
    const mrkdwnCount = json.split('"type":"mrkdwn"').length - 1;
    expect(json.split('"verbatim":true').length - 1).toBe(mrkdwnCount);
  });
});
