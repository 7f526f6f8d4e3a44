import { describe, expect, it } from 'vitest';
import { createConsoleNotifier } from '../../src/console/console-notifier.js';
import { renderForConsole } from '../../src/console/render.js';
import { calendarLinks } from '../../src/core/reminders/calendar.js';
import { eventWhen } from '../../src/core/when-text.js';
import { makeEvent, makeHit } from '../helpers/events.js';
import { listItems, REPLY_NOW_MS } from '../helpers/replies.js';

const event = makeEvent({ start: '2026-12-03T13:15:00-05:00', title: 'Review \u001b[31mred' });

describe('console rendering of reminders and digests', () => {
  it('confirms a reminder and offers to cancel it', () => {
    const { text, choices } = renderForConsole({
      kind: 'reminder-set',
      reminderId: '7',
      event,
      when: eventWhen(event, REPLY_NOW_MS),
      actions: [{ kind: 'cancel-reminder', reminderId: '7' }],
      dueMs: 0,
      dueText: 'Wednesday, 2 December 2026 at 13:15 EST',
      label: '1 day before',
    });
    expect(text).toContain(
      "I'll remind you about Review [31mred on Wednesday, 2 December 2026 at 13:15 EST (1 day before).",
    );
    expect(text).not.toContain('\u001b');
    expect(choices).toEqual([
      { label: 'Cancel this reminder', action: { kind: 'cancel-reminder', reminderId: '7' } },
    ]);
  });

  it('lists reminders with a Cancel choice for each one that can still be cancelled', () => {
    const { text, choices } = renderForConsole({
      kind: 'reminders',
      heading: 'Your reminders (2)',
      note: 'Cancelled one.',
      items: [
        {
          reminderId: '1',
          position: 1,
          eventId: 'a',
          title: 'Forum',
          dueMs: 0,
          dueText: 'Mon',
          label: '2 hours before',
          sending: false,
          actions: [{ kind: 'cancel-reminder', reminderId: '1' }],
        },
        {
          reminderId: '2',
          position: 2,
          eventId: 'b',
          title: 'Dinner',
          dueMs: 0,
          dueText: 'Tue',
          sending: true,
          actions: [],
        },
      ],
      empty: '',
      actions: [],
    });
    expect(text).toContain('  1. Forum — reminder Mon · 2 hours before');
    expect(text).toContain('  2. Dinner — reminder Tue · being sent now');
    expect(choices.map((c) => c.action)).toEqual([{ kind: 'cancel-reminder', reminderId: '1' }]);
  });

  it('prints a due reminder with the event and calendar links', () => {
    const { text, choices } = renderForConsole({
      kind: 'reminder-due',
      event,
      startMs: 0,
      startsIn: 'in 1 day',
      startText: 'Thursday, 3 December 2026 at 13:15 EST',
      calendar: calendarLinks(event),
      late: false,
    });
    expect(text.split('\n')[0]).toBe(
      '⏰ Reminder: Review [31mred starts Thursday, 3 December 2026 at 13:15 EST (in 1 day)',
    );
    expect(text).toMatch(/Add to calendar: Google \(https:\/\/calendar\.google\.com\//);
    expect(choices).toEqual([]);
  });

  it('prints subscriptions and a digest', () => {
    expect(
      renderForConsole({
        kind: 'subscriptions',
        heading: 'Digests in #events',
        items: [
          {
            subscriptionId: '1',
            position: 1,
            createdBy: 'U0MARIA',
            what: '“peacekeeping”',
            schedule: 'every Monday at 09:00 (UTC)',
            nextRunText: 'Mon',
            paused: 'Invite me.',
            actions: [],
          },
        ],
        empty: '',
      }).text,
    ).toContain('  1. “peacekeeping” — every Monday at 09:00 (UTC)\n     Paused: Invite me.');
    const digest = renderForConsole({
      kind: 'digest',
      heading: 'Weekly digest',
      items: listItems([makeHit()]),
      empty: '',
      footer: 'every Monday',
    });
    expect(digest.choices).toHaveLength(1);
    expect(digest.text).toContain('  1. Strengthening the Partnership');
  });
});

describe('createConsoleNotifier', () => {
  it('prints what arrives, framed, and reports it delivered', async () => {
    const out: string[] = [];
    const notifier = createConsoleNotifier((t) => out.push(t));
    const result = await notifier.post({
      to: { kind: 'user', userId: 'you' },
      reply: { kind: 'notice', tone: 'info', text: 'Hello.' },
      key: 'notice:1',
    });
    expect(result).toEqual({ ok: true, ts: 'console.1', channelId: 'console' });
    expect(out).toEqual(['\n┌── DM to you ──\nNote: Hello.\n└──\n']);
    expect(notifier.findPosted).toBeUndefined();
  });
});
