import { beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/context.js';
import {
  actionNeedsUserZone,
  commandNeedsUserZone,
  runAction,
  runEventCommand,
} from '../../../src/core/commands/index.js';
import type { CommandResult, Reply } from '../../../src/core/commands/reply.js';
import { MAX_ACTIVE_REMINDERS } from '../../../src/core/reminders/model.js';
import { relevanceContext } from '../../helpers/search.js';

const NY = 'America/New_York';
const REVIEW = '2026-12-03-the-review-of-peace-operations-findings-and-next-steps';
const BERLIN_CONFERENCE = '2027-06-10-berlin-climate-and-security-conference-2027';
const DINNER_2027 = '2027-09-22-a-new-secretary-general-s-first-year-priorities-for-peace-and-security';

let context: AppContext;
beforeEach(async () => {
  context = await relevanceContext(NY); // now: Sunday 29 November 2026, 07:00 in New York
});

const run = async (text: string, userId = 'U1', userZone: string | undefined = NY) =>
  await runEventCommand({ text, userId, userZone }, context.commands);
const as = <K extends Reply['kind']>(result: CommandResult, kind: K) => {
  expect(result.reply.kind).toBe(kind);
  expect(result.visibility).toBe('ephemeral');
  return result.reply as Extract<Reply, { kind: K }>;
};

describe('/event remind <query or id> [when]', () => {
  it('sets a reminder 1 day before by default and names the event and time in the user’s zone', async () => {
    const set = as(await run('remind review of peace operations'), 'reminder-set');
    expect(set.event.id).toBe(REVIEW);
    expect(set.dueText).toBe('Wednesday, 2 December 2026 at 13:15 EST');
    expect(set.label).toBe('1 day before');
    expect((await context.commands.reminders.active('U1')).map((r) => r.eventId)).toEqual([REVIEW]);
  });

  it('shows the time in the asker’s own zone, and falls back to the configured one', async () => {
    expect(
      as(await run('remind review of peace operations', 'U1', 'Europe/Berlin'), 'reminder-set').dueText,
    ).toBe('Wednesday, 2 December 2026 at 19:15 GMT+1');
    expect(
      as(await run('remind review of peace operations', 'U2', 'Not/AZone'), 'reminder-set').dueText,
    ).toBe('Wednesday, 2 December 2026 at 13:15 EST');
  });

  it.each([
    ['2h before', 'Thursday, 3 December 2026 at 11:15 EST', '2 hours before'],
    ['at 9am on the day', 'Thursday, 3 December 2026 at 09:00 EST', 'at 09:00 on the day'],
    ['tomorrow 9am', 'Monday, 30 November 2026 at 09:00 EST', undefined],
    ['dec 2 14:00', 'Wednesday, 2 December 2026 at 14:00 EST', undefined],
  ])('understands "%s"', async (when, dueText, label) => {
    const set = as(await run(`remind review of peace operations ${when}`), 'reminder-set');
    expect([set.event.id, set.dueText, set.label]).toEqual([REVIEW, dueText, label]);
  });

  it('takes an event id', async () => {
    const set = as(await run(`remind ${BERLIN_CONFERENCE}`), 'reminder-set');
    // A date-only event: the day before, at 09:00 for the reader.
    expect(set.dueText).toBe('Wednesday, 9 June 2027 at 09:00 EDT');
  });

  it('refuses a time that has already passed, saying which time', async () => {
    const reply = as(await run('remind review of peace operations 5 days before'), 'notice');
    expect(reply.text).toBe(
      "Saturday, 28 November 2026 at 13:15 EST has already passed, so I can't remind you then. Pick a later time, such as `1 hour before`.",
    );
    expect(as(await run('remind review of peace operations today 6am'), 'notice').text).toMatch(
      /has already passed/,
    );
    expect(await context.commands.reminders.active('U1')).toEqual([]);
  });

  it('refuses a time after the event starts', async () => {
    const reply = as(await run('remind review of peace operations dec 3 14:00'), 'notice');
    expect(reply.text).toMatch(
      /starts Thursday, 3 December 2026 at 13:15 EST; a reminder at Thursday, 3 December 2026 at 14:00 EST would come after that/,
    );
  });

  it('explains that a past event has nothing to remind of', async () => {
    expect(as(await run('remind colombian peace agreement'), 'notice').text).toMatch(
      /began Tuesday, 24 November 2026 at 09:00 EST, so there is nothing to remind you of/,
    );
  });

  it('answers an unknown event honestly', async () => {
    expect(as(await run('remind quantum chromodynamics'), 'no-match').hint).toMatch(/upcoming events/);
  });

  it('explains how to use it when the event is missing', async () => {
    expect(as(await run('remind'), 'notice').text).toMatch(/Tell me which event/);
    expect(as(await run('remind 2h before'), 'notice').text).toMatch(/Tell me which event/);
  });

  it('treats the same reminder twice as one', async () => {
    const first = as(await run('remind review of peace operations'), 'reminder-set');
    const second = as(await run('remind review of peace operations 1 day before'), 'reminder-set');
    expect(second.reminderId).toBe(first.reminderId);
    expect(second.note).toBe('You already had this reminder.');
    expect(await context.commands.reminders.active('U1')).toHaveLength(1);
  });

  it(`caps active reminders at ${MAX_ACTIVE_REMINDERS} per person`, async () => {
    for (let n = 1; n <= MAX_ACTIVE_REMINDERS; n++) {
      as(await run(`remind ${DINNER_2027} ${n} minutes before`), 'reminder-set');
    }
    const refused = as(await run(`remind ${DINNER_2027} 2 days before`), 'notice');
    expect(refused.text).toMatch(/You already have 100 active reminders, the most I keep for one person/);
    expect(await context.commands.reminders.active('U1')).toHaveLength(MAX_ACTIVE_REMINDERS);
    // Someone else is not affected, and cancelling one makes room again.
    expect((await run(`remind ${DINNER_2027}`, 'U2')).reply.kind).toBe('reminder-set');
    as(await run('remind cancel 1'), 'reminders');
    expect((await run(`remind ${DINNER_2027} 2 days before`)).reply.kind).toBe('reminder-set');
  });

  it('needs to know who asks', async () => {
    const result = await runEventCommand({ text: 'remind review of peace operations' }, context.commands);
    expect(as(result, 'notice').text).toMatch(/who you are/);
  });
});

describe('/event reminders and cancelling', () => {
  beforeEach(async () => {
    await run('remind women mediators');
    await run('remind review of peace operations 2h before');
    await run('remind review of peace operations');
  });

  it('lists mine soonest first, numbered, with the rule in words', async () => {
    const list = as(await run('reminders'), 'reminders');
    expect(list.heading).toBe('Your reminders (3)');
    expect(list.items.map((i) => [i.position, i.title.slice(0, 30), i.dueText, i.label])).toEqual([
      [1, 'The Review of Peace Operations', 'Wednesday, 2 December 2026 at 13:15 EST', '1 day before'],
      [2, 'The Review of Peace Operations', 'Thursday, 3 December 2026 at 11:15 EST', '2 hours before'],
      [3, 'Women Mediators and the Future', 'Sunday, 7 March 2027 at 13:15 EST', '1 day before'],
    ]);
    expect(as(await run('reminders', 'U9'), 'reminders').items).toEqual([]);
  });

  it('cancels by number and shows what is left', async () => {
    const after = as(await run('remind cancel 2'), 'reminders');
    expect(after.note).toBe(
      'Cancelled your reminder for “The Review of Peace Operations: Findings and Next Steps” (it was due Thursday, 3 December 2026 at 11:15 EST).',
    );
    expect(after.items.map((i) => i.label)).toEqual(['1 day before', '1 day before']);
    expect(as(await run('remind cancel 7'), 'notice').text).toMatch(/pick a number from 1 to 2/);
  });

  it('cancels all', async () => {
    expect(as(await run('remind cancel all'), 'reminders').note).toBe('Cancelled 3 reminders.');
    expect(await context.commands.reminders.active('U1')).toEqual([]);
  });

  it('cancels from the Cancel button, but only the owner’s own reminder', async () => {
    const [first] = as(await run('reminders'), 'reminders').items;
    const action = { kind: 'cancel-reminder' as const, reminderId: first.reminderId };
    expect(as(await runAction(action, context.commands, 'U2', { userZone: NY }), 'notice').text).toMatch(
      /already sent or cancelled/,
    );
    expect(await context.commands.reminders.active('U1')).toHaveLength(3);
    expect(
      as(await runAction(action, context.commands, 'U1', { userZone: NY }), 'reminders').items,
    ).toHaveLength(2);
    expect(as(await runAction(action, context.commands, 'U1', { userZone: NY }), 'notice').text).toMatch(
      /already sent or cancelled/,
    );
  });
});

describe('the card’s Remind me', () => {
  it.each([
    [undefined, 'Wednesday, 2 December 2026 at 13:15 EST'],
    ['day-before', 'Wednesday, 2 December 2026 at 13:15 EST'],
    ['hour-before', 'Thursday, 3 December 2026 at 12:15 EST'],
    ['morning-of', 'Thursday, 3 December 2026 at 09:00 EST'],
  ] as const)('sets a reminder %s', async (when, dueText) => {
    const result = await runAction({ kind: 'remind', eventId: REVIEW, when }, context.commands, 'U1', {
      userZone: NY,
    });
    expect(as(result, 'reminder-set').dueText).toBe(dueText);
  });

  it('says so when the event is gone', async () => {
    const result = await runAction({ kind: 'remind', eventId: 'no-such-event' }, context.commands, 'U1');
    expect(as(result, 'notice').text).toMatch(/no longer in the archive/);
  });
});

describe('user zone lookups', () => {
  it('are needed only for the commands and buttons that use them', async () => {
    expect(commandNeedsUserZone('remind review 2h before')).toBe(true);
    expect(commandNeedsUserZone('Subscribe peacekeeping')).toBe(true);
    expect(commandNeedsUserZone('peacekeeping finland')).toBe(false);
    expect(actionNeedsUserZone({ kind: 'remind', eventId: 'x' })).toBe(true);
    expect(actionNeedsUserZone({ kind: 'open', eventId: 'x' })).toBe(false);
  });
});
