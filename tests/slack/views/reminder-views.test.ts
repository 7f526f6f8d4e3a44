import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { REMINDERS_PAGE } from '../../../src/core/commands/deps.js';
import type { Reply } from '../../../src/core/commands/reply.js';
import { calendarLinks } from '../../../src/core/reminders/calendar.js';
import { eventWhen } from '../../../src/core/when-text.js';
import { SlackIds, toReplyAction } from '../../../src/slack/ids.js';
import { renderReply } from '../../../src/slack/views/index.js';
import { checkLimits } from '../../../src/slack/views/limits.js';
import { makeEvent, makeHit } from '../../helpers/events.js';
import { listItems, nextPage, REPLY_NOW_MS } from '../../helpers/replies.js';
import { interactives, links, texts, withoutBotTokens } from './inspect.js';

const EVIL = '<!channel> <@U123> <http://evil.example|click> <#C123> &';
const event = makeEvent({
  start: '2026-12-03T13:15:00-05:00',
  title: `Review ${EVIL}`,
  summary: `About ${EVIL}`,
});
const due = Date.parse('2026-12-02T18:15:00Z');

const replies: [string, Reply][] = [
  [
    'reminder-set',
    {
      kind: 'reminder-set',
      reminderId: '42',
      event,
      when: eventWhen(event, REPLY_NOW_MS),
      actions: [{ kind: 'cancel-reminder', reminderId: '42' }],
      dueMs: due,
      dueText: 'Wednesday, 2 December 2026 at 13:15 EST',
      label: '1 day before',
      note: `Note ${EVIL}`,
    },
  ],
  [
    'reminders',
    {
      kind: 'reminders',
      heading: 'Your reminders (2)',
      items: [
        {
          reminderId: '42',
          position: 1,
          eventId: event.id,
          title: `Review ${EVIL}`,
          dueMs: due,
          dueText: 'Wed',
          label: '1 day before',
          sending: false,
          actions: [{ kind: 'cancel-reminder', reminderId: '42' }],
        },
        {
          reminderId: '43',
          position: 2,
          eventId: event.id,
          title: EVIL,
          dueMs: due + 1,
          dueText: 'Thu',
          sending: true,
          actions: [],
        },
      ],
      empty: 'none',
      note: `Cancelled ${EVIL}`,
      actions: [],
    },
  ],
  [
    'reminder-due',
    {
      kind: 'reminder-due',
      event,
      startMs: Date.parse('2026-12-03T18:15:00Z'),
      startsIn: 'in 1 day',
      startText: 'Thursday, 3 December 2026 at 13:15 EST',
      calendar: calendarLinks(event),
      late: true,
    },
  ],
  [
    'subscriptions',
    {
      kind: 'subscriptions',
      heading: `Digests in #${EVIL}`,
      items: [
        { position: 1, what: `“${EVIL}”`, schedule: 'every Monday at 09:00 (UTC)', nextRunText: 'Mon' },
        {
          position: 2,
          what: 'all upcoming events',
          schedule: 'every day at 07:00 (UTC)',
          nextRunText: 'Tue',
          paused: `Bad ${EVIL}`,
        },
      ],
      empty: 'none',
      note: EVIL,
    },
  ],
  [
    'digest',
    {
      kind: 'digest',
      heading: `Weekly digest: ${EVIL}`,
      items: listItems([{ ...makeHit(), event }]),
      empty: EVIL,
      footer: EVIL,
    },
  ],
  [
    'empty digest',
    { kind: 'digest', heading: 'Weekly digest', items: [], empty: `No events match ${EVIL}`, footer: EVIL },
  ],
];

describe('reminder and digest views', () => {
  it.each(replies)(
    '%s stays within Slack’s limits and escapes every user and archive text',
    (_name, reply) => {
      const { text, blocks } = renderReply(reply);
      expect(checkLimits(blocks)).toEqual([]);
      for (const t of [text, ...texts(blocks)]) {
        expect(withoutBotTokens(t)).not.toMatch(/[<>]/);
        expect(t).not.toContain('<http://evil');
        expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }
    },
  );

  it('confirms a reminder with its time as a date token and a Cancel button that decodes back', () => {
    const { blocks, text } = renderReply(replies[0][1]);
    expect(text).toBe(
      'Reminder set: Review &lt;!channel&gt; &lt;@U123&gt; &lt;http://evil.example|click&gt; &lt;#C123&gt; &amp; — Wednesday, 2 December 2026 at 13:15 EST',
    );
    expect(texts(blocks).join('\n')).toContain(
      '<!date^1796235300^{date_long_pretty} at {time}|Wednesday, 2 December 2026 at 13:15 EST> (1 day before).',
    );
    const [cancel] = interactives(blocks);
    expect(cancel.actionId).toBe(SlackIds.actions.cancelReminder);
    expect(toReplyAction(cancel.actionId, cancel.values[0])).toEqual({
      kind: 'cancel-reminder',
      reminderId: '42',
    });
  });

  it('lists reminders with a Cancel button each, except one being sent', () => {
    const { blocks } = renderReply(replies[1][1]);
    const buttons = interactives(blocks);
    expect(buttons.map((b) => [b.actionId, b.values[0]])).toEqual([
      [SlackIds.actions.cancelReminder, '{"r":"42"}'],
    ]);
    expect(texts(blocks).join('\n')).toContain('_being sent now_');
  });

  it('renders a full page of reminders core gives, with its Next button', () => {
    const items = Array.from({ length: REMINDERS_PAGE }, (_, i) => ({
      reminderId: String(i),
      position: i + 1,
      eventId: 'e',
      title: `Event ${i}`,
      dueMs: due,
      dueText: 'soon',
      sending: false,
      actions: [{ kind: 'cancel-reminder' as const, reminderId: String(i) }],
    }));
    const { blocks } = renderReply({
      kind: 'reminders',
      heading: 'Your reminders (100)',
      items,
      empty: '',
      actions: [nextPage('', REMINDERS_PAGE, 'reminders')],
    });
    expect(checkLimits(blocks)).toEqual([]);
    const buttons = interactives(blocks);
    expect(buttons.filter((b) => b.actionId === SlackIds.actions.cancelReminder)).toHaveLength(
      REMINDERS_PAGE,
    );
    expect(buttons.at(-1)?.label).toBe('Next results');
  });

  it('sends the reminder DM as the card without its buttons, plus calendar links', () => {
    const { blocks } = renderReply(replies[2][1]);
    expect(blocks.some((b: KnownBlock) => b.block_id === SlackIds.blocks.cardActions)).toBe(false);
    expect(interactives(blocks)).toEqual([]);
    const all = texts(blocks).join('\n');
    expect(all).toMatch(/^:alarm_clock: \*Reminder:\* \*Review &lt;!channel&gt;/);
    expect(all).toContain('(in 1 day). _(sent late: I was offline at the reminder time)_');
    expect(
      texts(blocks)
        .flatMap(links)
        .map((l) => l.label),
    ).toEqual(['Event page', 'Google Calendar', 'Outlook']);
  });

  it('keeps the reminder DM within limits for the largest event, dropping the links if they do not fit', () => {
    const huge = makeEvent({
      title: 'T'.repeat(500),
      location: 'L'.repeat(500),
      summary: 'S '.repeat(20_000),
      speakers: Array.from({ length: 200 }, (_, i) => ({
        name: `Speaker ${i} ${'n'.repeat(150)}`,
        role: 'r'.repeat(400),
      })),
      themes: Array.from({ length: 50 }, (_, i) => ({
        title: `Theme ${i} ${'t'.repeat(400)}`,
        summary: 'x'.repeat(20_000),
      })),
    });
    const reply: Reply = {
      ...(replies[2][1] as Extract<Reply, { kind: 'reminder-due' }>),
      event: huge,
      calendar: calendarLinks(huge),
    };
    expect(checkLimits(renderReply(reply).blocks)).toEqual([]);
  });

  it('shows a paused digest with what to do', () => {
    const { blocks } = renderReply(replies[3][1]);
    expect(texts(blocks).join('\n')).toContain(':warning: Paused. Bad &lt;!channel&gt;');
    expect(interactives(blocks)).toEqual([]);
  });

  it('lists a digest’s events with Open buttons', () => {
    const { blocks, text } = renderReply(replies[4][1]);
    expect(text).toMatch(/— 1 upcoming event$/);
    const [open] = interactives(blocks);
    expect(toReplyAction(open.actionId, open.values[0])).toEqual({ kind: 'open', eventId: event.id });
  });
});
