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
          eventWhen: eventWhen(event, REPLY_NOW_MS),
          actions: [
            { kind: 'snooze-reminder', reminderId: '42', choices: ['hour', 'day'] },
            { kind: 'cancel-reminder', reminderId: '42' },
          ],
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
        {
          subscriptionId: '7',
          position: 1,
          createdBy: 'U0MARIA',
          what: `“${EVIL}”`,
          schedule: 'every Monday at 09:00 (UTC)',
          nextRunText: 'Mon',
          actions: [
            { kind: 'pause-digest', subscriptionId: '7' },
            { kind: 'stop-digest', subscriptionId: '7' },
          ],
        },
        {
          subscriptionId: '8',
          position: 2,
          createdBy: EVIL,
          what: 'all upcoming events',
          schedule: 'every day at 07:00 (UTC)',
          nextRunText: 'Tue',
          paused: `Bad ${EVIL}`,
          actions: [
            { kind: 'resume-digest', subscriptionId: '8' },
            { kind: 'stop-digest', subscriptionId: '8' },
          ],
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
    'digest set up',
    {
      kind: 'digest-set-up',
      createdBy: 'U0MARIA',
      what: `upcoming events matching “${EVIL}”`,
      schedule: 'every Monday at 09:00 (UTC)',
      firstText: 'Monday, 7 December 2026 at 09:00 UTC',
      resumed: false,
    },
  ],
  ['digest denied', { kind: 'digest-denied', verb: 'stop', what: `“${EVIL}”`, createdBy: EVIL }],
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

  it('lists reminders with the event’s time and the reminder’s, Snooze and Cancel, except one being sent', () => {
    const { blocks, text } = renderReply(replies[1][1]);
    const buttons = interactives(blocks);
    expect(buttons.map((b) => [b.actionId, b.values])).toEqual([
      [SlackIds.actions.snoozeReminder, ['{"r":"42","s":"hour"}', '{"r":"42","s":"day"}']],
      [SlackIds.actions.cancelReminder, ['{"r":"42"}']],
    ]);
    expect(toReplyAction(buttons[0].actionId, buttons[0].values[1])).toEqual({
      kind: 'snooze-reminder',
      reminderId: '42',
      by: 'day',
    });
    const all = texts(blocks).join('\n');
    expect(all).toContain(':calendar: Event: <!date^1796321700^{date_short_pretty} at {time}|');
    expect(all).toContain(
      ':alarm_clock: Reminder: <!date^1796235300^{date_long_pretty} at {time}|Wed> (1 day before)',
    );
    expect(all).toContain('_being sent now_');
    expect(text).toMatch(/^Cancelled /);
    const cancel = blocks
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => e.action_id === SlackIds.actions.cancelReminder) as {
      confirm?: unknown;
      style?: string;
      accessibility_label?: string;
    };
    expect(cancel.style).toBe('danger');
    expect(cancel.confirm).toBeDefined();
    expect(cancel.accessibility_label).toMatch(/^Cancel: Review /);
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

  it('lists digests with who set each up, Pause or Resume, and Stop behind a confirm', () => {
    const { blocks, text } = renderReply(replies[3][1]);
    const all = texts(blocks).join('\n');
    expect(all).toContain('set up by <@U0MARIA>');
    expect(all).toContain(':double_vertical_bar: Paused. Bad &lt;!channel&gt;');
    expect(interactives(blocks).map((b) => [b.label, b.values[0]])).toEqual([
      ['Pause', '{"d":"7"}'],
      ['Stop', '{"d":"7"}'],
      ['Resume', '{"d":"8"}'],
      ['Stop', '{"d":"8"}'],
    ]);
    const stops = blocks
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .filter((e) => e.action_id === SlackIds.actions.stopDigest) as {
      confirm?: unknown;
      accessibility_label?: string;
    }[];
    expect(stops.every((s) => s.confirm)).toBe(true);
    expect(stops[1].accessibility_label).toBe('Stop: all upcoming events');
    expect(toReplyAction(SlackIds.actions.pauseDigest, '{"d":"7"}')).toEqual({
      kind: 'pause-digest',
      subscriptionId: '7',
    });
    expect(text).toBe('&lt;!channel&gt; &lt;@U123&gt; &lt;http://evil.example|click&gt; &lt;#C123&gt; &amp;');
  });

  it('tells the channel who set a digest up, and a stranger who may stop one', () => {
    const setUp = renderReply(replies[5][1]);
    expect(texts(setUp.blocks)[0]).toMatch(
      /^:mega: <@U0MARIA> set up a digest here: upcoming events matching “&lt;!channel&gt;/,
    );
    expect(texts(setUp.blocks)[0]).toContain(
      'every Monday at 09:00 (UTC). First one Monday, 7 December 2026 at 09:00 UTC.',
    );
    const denied = renderReply({ kind: 'digest-denied', verb: 'stop', what: '“mali”', createdBy: 'U0MARIA' });
    expect(texts(denied.blocks)).toEqual([
      ':lock: Only <@U0MARIA>, who set up the digest of “mali”, or a workspace admin can stop it.',
    ]);
  });

  it('lists a digest’s events with Open buttons', () => {
    const { blocks, text } = renderReply(replies[4][1]);
    expect(text).toMatch(/— 1 upcoming event$/);
    const [open] = interactives(blocks);
    expect(toReplyAction(open.actionId, open.values[0])).toEqual({ kind: 'open', eventId: event.id });
  });
});
