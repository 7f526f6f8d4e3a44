import type { KnownBlock, SectionBlock } from '@slack/types';
import { shortSummary } from '../../core/commands/card-text.js';
import type { EventCardReply } from '../../core/commands/reply.js';
import { EVENT_STATUS_LABELS, type Event } from '../../core/model.js';
import type { EventWhen } from '../../core/when-text.js';
import { SlackIds } from '../ids.js';
import { actionElement, pagerRow } from './action-elements.js';
import { actions, compact, context, header, md, section } from './blocks.js';
import { escapeMrkdwn, escapeTruncate, oneLine } from './mrkdwn.js';
import { userMention } from './people.js';
import { fitList, itemSection, slackWhen } from './text-fit.js';

/** Slack user ids look like U024BE7LH or W0123ABC; anything else is shown as text, never as a mention. */
/** Theme titles on the card, within this many characters; "Read more" has them all. */
const THEMES_CHARS = 200;
/** Each of the more matches below the card. */
const MORE_ITEM_CHARS = 150;

/**
 * A compact event card, as polished Slack apps show one: the title, When · Where · Type · Hosts as
 * fields, a sentence or two of summary, the theme titles, and the actions core chose (Read more has the
 * rest). A shared card says who shared it, and their note, at the top. Then the more matches and paging.
 */
export function eventCardBlocks(reply: EventCardReply): KnownBlock[] {
  const { event } = reply;
  return compact([
    ...(reply.sharedBy !== undefined ? sharedBy(reply.sharedBy, reply.note) : []),
    reply.heading
      ? context([escapeTruncate(oneLine(reply.heading), 300)], SlackIds.blocks.heading)
      : undefined,
    header(event.title, SlackIds.blocks.cardTitle),
    factsSection(event, reply.when),
    event.summary ? section(escapeMrkdwn(shortSummary(event.summary))) : undefined,
    themeTitles(event),
    reply.related ? context([`:books: ${escapeTruncate(oneLine(reply.related), 150)}`]) : undefined,
    reply.addedBy ? context([`Added in Slack by ${userMention(reply.addedBy, 'Someone')}`]) : undefined,
    actions(
      reply.actions
        .filter((a) => a.kind !== 'page')
        .map((a) => actionElement(a, { place: 'card', about: event.title })),
      SlackIds.blocks.cardActions,
    ),
    ...moreMatches(reply),
    pagerRow(reply.actions.filter((a) => a.kind === 'page')),
  ]);
}

/** When, Where, Type and Hosts as two-column fields. */
function factsSection(event: Event, when: EventWhen): SectionBlock {
  const fields = [md(`*When*\n${slackWhen(when)}`)];
  if (event.status) fields.unshift(md(`*Status*\n${EVENT_STATUS_LABELS[event.status]}`));
  if (event.location) fields.push(md(`*Where*\n${escapeTruncate(oneLine(event.location), 120)}`));
  fields.push(md(`*Type*\n${escapeTruncate(oneLine(event.type), 60)}`));
  if (event.hosts.length)
    fields.push(md(`*${event.hosts.length > 1 ? 'Hosts' : 'Host'}*\n${fitList(event.hosts, 160)}`));
  return { type: 'section', fields };
}

/** "Key themes: A · B · C · and 4 more", titles only. */
function themeTitles(event: Event): KnownBlock | undefined {
  if (!event.themes.length) return undefined;
  const titles = fitList(
    event.themes.map((t) => t.title),
    THEMES_CHARS,
  ).replace(/, /g, ' · ');
  return context([`*Key themes:* ${titles}`]);
}

/** "<@U…> shared an event" (the id as text when it is not a real user id), then their note. */
function sharedBy(userId: string, note?: string): KnownBlock[] {
  const who = userMention(userId, 'Someone');
  return compact([
    context([`:mega: ${who} shared an event`], SlackIds.blocks.sharedBy),
    note ? section(`> ${escapeTruncate(oneLine(note), 600)}`) : undefined,
  ]);
}

/** The more matches core chose, one compact section each with its action (Open). */
function moreMatches(reply: EventCardReply): KnownBlock[] {
  if (reply.more.length === 0) return [];
  return [
    { type: 'divider' },
    ...compact([context([`*More matches* (${reply.more.length})`])]),
    ...reply.more.map((item) => itemSection(item, MORE_ITEM_CHARS)),
  ];
}

/** Plain notification text for an event card: who shared it, the title and the date, escaped. */
export function eventCardText(reply: EventCardReply): string {
  const prefix = reply.sharedBy !== undefined ? 'Shared event: ' : '';
  return `${escapeTruncate(`${prefix}${oneLine(reply.event.title)}`, 250)} — ${escapeMrkdwn(reply.when.text)}`;
}
