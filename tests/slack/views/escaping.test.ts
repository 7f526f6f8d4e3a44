import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/commands/reply.js';
import { renderReply } from '../../../src/slack/views/index.js';
import { checkLimits } from '../../../src/slack/views/limits.js';
import { makeEvent, makeHit } from '../../helpers/events.js';
import {
  cardReply,
  helpReplyOf,
  listItems,
  listReply,
  nextPage,
  noMatchReply,
  themeDetailReply,
  themesReply,
} from '../../helpers/replies.js';
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

const evilItem = listItems([{ ...makeHit(), event: evilEvent }]).map((i) => ({ ...i, repeats: EVIL }));
const replies: [string, Reply][] = [
  [
    'event',
    cardReply(evilEvent, {
      heading: `Results for "${EVIL}"`,
      matched: [EVIL],
      more: listItems([{ ...makeHit(), event: { ...evilEvent, id: 'other' } }]),
      actions: [...cardReply(evilEvent).actions, nextPage(EVIL, 5)],
    }),
  ],
  ['shared event', cardReply(evilEvent, { sharedBy: EVIL, actions: [] })],
  ['list', listReply(`Speaker ${EVIL}`, evilItem, { empty: EVIL, actions: [nextPage(EVIL, 1, 'speaker')] })],
  [
    'share picker',
    listReply(EVIL, listItems([{ ...makeHit(), event: evilEvent }], 'share'), { empty: EVIL }),
  ],
  ['empty list', listReply(EVIL, [], { empty: `Nothing for ${EVIL}` })],
  ['themes', themesReply([{ title: EVIL, count: 3 }], { heading: EVIL, total: 9 })],
  [
    'speaker picker',
    {
      kind: 'people',
      heading: `2 speakers match "${EVIL}": which one?`,
      people: [
        {
          name: `Jane ${EVIL}`,
          role: `Director ${EVIL}`,
          count: 2,
          action: {
            kind: 'suggest',
            label: `Jane ${EVIL} · 2 events`,
            page: { subcommand: 'speaker', words: EVIL, offset: 0 },
          },
        },
      ],
      note: `and 3 more ${EVIL}`,
    },
  ],
  ['theme-detail', themeDetailReply(evilEvent, 0)],
  ['missing theme', themeDetailReply(evilEvent, 9)],
  ['no-match', noMatchReply(EVIL, [EVIL, `peace ${EVIL}`], EVIL)],
  [
    'help',
    helpReplyOf([{ command: EVIL, description: EVIL }], { problem: EVIL, title: EVIL, tryable: true }),
  ],
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

  it('links only to the event page, as a URL button with the hostile parts of its URL encoded', () => {
    const { blocks } = renderReply(replies[0][1]);
    expect(texts(blocks).flatMap(links)).toEqual([]);
    const urls = JSON.stringify(blocks).match(/"url":"[^"]*"/g);
    expect(urls).toEqual(['"url":"https://www.ipinst.org/event?a=1&b=%3C!channel%3E|%3Chttp://evil%3E"']);
  });

  it('mentions only a well-formed sharer id', () => {
    const good = renderReply({
      ...(replies[1][1] as Extract<Reply, { kind: 'event' }>),
      sharedBy: 'W0ABC123',
    });
    expect(texts(good.blocks).join('\n')).toContain(':mega: <@W0ABC123> shared an event');
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
