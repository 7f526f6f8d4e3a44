import type { KnownBlock } from '@slack/types';
import type { ReminderItem, Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { actionElement, pagerRow } from './action-elements.js';
import { actions, compact, context, header, SECTION_ROOM, section } from './blocks.js';
import { DATE_TIME_FORMAT, escapeMrkdwn, escapeTruncate, oneLine, slackDate } from './mrkdwn.js';
import { slackWhen } from './text-fit.js';

type RemindersReply = Extract<Reply, { kind: 'reminders' }>;

/**
 * The user's reminders, soonest first: number and event, when the event is and when the reminder
 * comes (date tokens in the reader's zone) with its rule, then a row with the actions core gave it
 * (Snooze with the times still before the event, Cancel behind a confirm; none for one being posted
 * right now), then paging.
 */
export function remindersBlocks(reply: RemindersReply): KnownBlock[] {
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    reply.note ? section(`:white_check_mark: ${escapeTruncate(oneLine(reply.note), 600)}`) : undefined,
    reply.items.length ? undefined : section(escapeTruncate(reply.empty, SECTION_ROOM)),
    ...reply.items.flatMap(reminderBlocks),
    pagerRow(reply.actions),
    reply.items.length ? context([escapeMrkdwn('Or type `/event remind cancel <n>`')]) : undefined,
  ]);
}

function reminderBlocks(item: ReminderItem): KnownBlock[] {
  const title = escapeTruncate(oneLine(item.title), 200);
  const rule = item.label ? ` (${escapeTruncate(item.label, 80)})` : '';
  const state = item.sending ? ' · _being sent now_' : '';
  const event = item.eventWhen ? `\n:calendar: Event: ${slackWhen(item.eventWhen, 'short')}` : '';
  const due = `\n:alarm_clock: Reminder: ${slackDate(item.dueMs, DATE_TIME_FORMAT, item.dueText)}${rule}${state}`;
  const about = `${oneLine(item.title)} (${item.dueText})`;
  return compact([
    section(`*${item.position}. ${title}*${event}${due}`),
    actions(item.actions.map((a) => actionElement(a, { about }))),
  ]);
}

/** Plain notification text: what was just done, or how many reminders and the first of them. */
export function remindersText(reply: RemindersReply): string {
  const first = reply.items[0];
  const text =
    reply.note ??
    (first
      ? `${reply.heading}: ${oneLine(first.title)}, reminder ${first.dueText}${reply.items.length > 1 ? ', …' : ''}`
      : reply.empty);
  return escapeTruncate(oneLine(text), 300) || '…';
}
