import type { Button, KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { actions, compact, plain, section } from './blocks.js';
import { LIMITS } from './limits.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';
import { slackWhen } from './text-fit.js';

type CalendarReply = Extract<Reply, { kind: 'calendar' }>;

/** "Add to calendar", answered privately: one link button per calendar, and the .ics file when served. */
export function calendarBlocks(reply: CalendarReply): KnownBlock[] {
  const title = escapeTruncate(oneLine(reply.event.title), 200);
  const links: [string, string | undefined][] = [
    ['Google Calendar', reply.links.google],
    ['Outlook', reply.links.outlook],
    ['Download .ics', reply.links.ics],
  ];
  const buttons = links
    .filter((l): l is [string, string] => Boolean(l[1]) && l[1]!.length <= LIMITS.buttonUrl)
    .map(
      ([label, url], i): Button => ({
        type: 'button',
        text: plain(label, LIMITS.buttonText),
        action_id: `${SlackIds.actions.eventPage}:${i}`,
        url,
        accessibility_label: `${label}: ${oneLine(reply.event.title)}`.slice(0, LIMITS.buttonText),
      }),
    );
  return compact([
    section(`:calendar: Add *${title}* to your calendar\n${slackWhen(reply.when)}`),
    actions(buttons, SlackIds.blocks.cardActions),
  ]);
}

/** Plain notification text. */
export function calendarText(reply: CalendarReply): string {
  return escapeTruncate(`Add to calendar: ${oneLine(reply.event.title)}`, 300);
}
