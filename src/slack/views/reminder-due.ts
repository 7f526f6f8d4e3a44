import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { eventWhen } from '../../core/when-text.js';
import { compact, context, section } from './blocks.js';
import { eventCardBlocks } from './event-card.js';
import { LIMITS, messageTextLength } from './limits.js';
import { DATE_TIME_FORMAT, escapeTruncate, link, oneLine, slackDate } from './mrkdwn.js';

type ReminderDueReply = Extract<Reply, { kind: 'reminder-due' }>;

/** A calendar link longer than this is left out: a cut URL leads nowhere. */
const MAX_LINK = 1400;

/**
 * The reminder DM: one line saying what starts and how soon, the event card (without its buttons: this
 * message is a notification, not a search result), and "Add to calendar" links. The links are dropped
 * rather than the message refused when an enormous event leaves no room for them.
 */
export function reminderDueBlocks(reply: ReminderDueReply): KnownBlock[] {
  const title = escapeTruncate(oneLine(reply.event.title), 300);
  const when = slackDate(reply.startMs, DATE_TIME_FORMAT, reply.startText);
  const late = reply.late ? ' _(sent late: I was offline at the reminder time)_' : '';
  const intro = section(
    `:alarm_clock: *Reminder:* *${title}* starts ${when} (${escapeTruncate(reply.startsIn, 60)}).${late}`,
  );
  // A reminder is always of an event still to come, so its card reads in the upcoming tense.
  const upcoming = eventWhen(reply.event, Number.NEGATIVE_INFINITY);
  const card = eventCardBlocks({
    kind: 'event',
    event: reply.event,
    when: upcoming,
    matched: [],
    more: [],
    actions: [],
    ...(reply.related ? { related: reply.related } : {}),
  });
  const links = [
    link(reply.calendar.google, 'Google Calendar'),
    link(reply.calendar.outlook, 'Outlook'),
    reply.calendar.ics ? link(reply.calendar.ics, 'Download .ics') : '',
  ].filter((l) => l && l.length <= MAX_LINK);
  const page = reply.event.url ? link(reply.event.url, 'Event page') : '';
  const calendar = links.length
    ? context([
        `${page && page.length <= MAX_LINK ? `${page} · ` : ''}:calendar: Add to calendar: ${links.join(' · ')}`,
      ])
    : undefined;
  const blocks = compact([intro, ...card]);
  const room = LIMITS.messageText - 200 - messageTextLength(blocks);
  return calendar && messageTextLength([calendar]) <= room ? [...blocks, calendar] : blocks;
}

/** Plain notification text: "Reminder: <title> starts <when> (in 23 hours)". */
export function reminderDueText(reply: ReminderDueReply): string {
  return escapeTruncate(
    `Reminder: ${oneLine(reply.event.title)} starts ${reply.startText} (${reply.startsIn})`,
    300,
  );
}
