import type { KnownBlock, SectionBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import type { Event } from '../../core/model.js';
import type { EventWhen } from '../../core/when-text.js';
import { SlackIds } from '../ids.js';
import { LIMITS, messageTextLength, TEXT_BUDGET } from './limits.js';
import { escapeMrkdwn, escapeTruncate, link, oneLine } from './mrkdwn.js';
import {
  actionElement,
  actions,
  compact,
  context,
  fitList,
  header,
  itemSection,
  md,
  pagerRow,
  SECTION_ROOM,
  section,
  slackWhen,
} from './parts.js';

type EventReply = Extract<Reply, { kind: 'event' }>;

/** Slack user ids look like U024BE7LH or W0123ABC; anything else is shown as text, never as a mention. */
const USER_ID = /^[UW][A-Z0-9]+$/;

/**
 * One event in full: title, when/type/where/hosts, speakers, summary, numbered key themes, link, then up
 * the more matches and the actions core chose. Whatever the archive holds, the card stays inside
 * Block Kit's limits: the fixed parts are capped first, and summary, speakers and themes share what is left.
 */
export function eventCardBlocks(reply: EventReply): KnownBlock[] {
  const { event } = reply;
  const shared = reply.sharedBy !== undefined;

  const top = compact([
    reply.heading
      ? context([escapeTruncate(oneLine(reply.heading), 300)], SlackIds.blocks.heading)
      : undefined,
    header(event.title, SlackIds.blocks.cardTitle),
    factsSection(event, reply.when),
  ]);
  const eventLink = event.url ? link(event.url, 'Event page') : '';
  const bottom = compact([
    context([
      // A link too long for a context element is left out rather than cut: a cut URL leads nowhere.
      eventLink.length <= LIMITS.contextText - 100 ? eventLink : '',
      !shared && reply.matched.length ? `Matched: ${escapeTruncate(reply.matched.join(', '), 200)}` : '',
    ]),
    shared ? sharedByContext(reply.sharedBy ?? '') : undefined,
    actions(
      reply.actions.filter((a) => a.kind !== 'page').map((a) => actionElement(a, { place: 'card' })),
      SlackIds.blocks.cardActions,
    ),
    ...moreMatches(reply),
    pagerRow(reply.actions.filter((a) => a.kind === 'page')),
  ]);

  let room = TEXT_BUDGET - messageTextLength([...top, ...bottom]);
  const summary = event.summary
    ? section(escapeTruncate(event.summary, Math.min(SECTION_ROOM, Math.max(300, Math.floor(room * 0.3)))))
    : undefined;
  room -= summary ? messageTextLength([summary]) : 0;
  const speakers = speakersSection(event, Math.min(SECTION_ROOM, Math.max(200, Math.floor(room * 0.3))));
  room -= speakers ? messageTextLength([speakers]) : 0;
  const themes = themeSections(event, Math.max(400, room));

  return compact([...top, speakers, summary, ...themes, ...bottom]);
}

/** When, type, where and hosts as two-column fields, each capped well under the 2000-character field limit. */
function factsSection(event: Event, when: EventWhen): SectionBlock {
  const fields = [
    md(`*When*\n${slackWhen(when)}`),
    md(`*Type*\n${escapeTruncate(oneLine(event.type), 100)}`),
  ];
  if (event.location) fields.push(md(`*Where*\n${escapeTruncate(oneLine(event.location), 300)}`));
  if (event.hosts.length)
    fields.push(md(`*${event.hosts.length > 1 ? 'Hosts' : 'Host'}*\n${fitList(event.hosts, 600)}`));
  return { type: 'section', fields };
}

/** "*Speakers*" then one line each ("Name, role"), ending "…and N more" when they do not all fit. */
function speakersSection(event: Event, max: number): SectionBlock | undefined {
  if (event.speakers.length === 0) return undefined;
  const lines: string[] = [];
  let used = '*Speakers*'.length;
  for (const [i, s] of event.speakers.entries()) {
    const name = `*${escapeTruncate(oneLine(s.name), 100)}*`;
    const line = s.role ? `${name}, ${escapeTruncate(oneLine(s.role), 160)}` : name;
    const rest = event.speakers.length - i - 1;
    const reserve = rest > 0 ? 30 : 0;
    if (i > 0 && used + 1 + line.length + reserve > max) {
      lines.push(`_…and ${event.speakers.length - i} more_`);
      break;
    }
    lines.push(line);
    used += 1 + line.length;
  }
  return section(`*Speakers*\n${lines.join('\n')}`);
}

/**
 * The numbered key themes, compact (bold title, then a short summary), spread over at most two sections
 * and `max` characters in all. Theme 1 is always shown; the rest stop with "…and N more themes".
 */
function themeSections(event: Event, max: number): SectionBlock[] {
  const { themes } = event;
  if (themes.length === 0) return [];
  const perSummary = Math.max(120, Math.min(600, Math.floor(max / themes.length) - 80));
  const sections: string[][] = [['*Key themes*']];
  let sectionUsed = '*Key themes*'.length;
  let total = sectionUsed;
  for (const [i, theme] of themes.entries()) {
    const title = `*${i + 1}. ${escapeTruncate(oneLine(theme.title), 150)}*`;
    const summary = theme.summary ? ` — ${escapeTruncate(oneLine(theme.summary), perSummary)}` : '';
    const line = `${title}${summary}`;
    const reserve = i < themes.length - 1 ? 40 : 0;
    if (i > 0 && total + 1 + line.length + reserve > max) {
      sections[sections.length - 1].push(`_…and ${themes.length - i} more themes_`);
      break;
    }
    if (sectionUsed + 1 + line.length + reserve > SECTION_ROOM) {
      if (sections.length === 2) {
        sections[1].push(`_…and ${themes.length - i} more themes_`);
        break;
      }
      sections.push([]);
      sectionUsed = -1;
    }
    sections[sections.length - 1].push(line);
    sectionUsed += 1 + line.length;
    total += 1 + line.length;
  }
  return sections.map((lines) => section(lines.join('\n')));
}

/** "Shared by <@U…>", with the id shown as text when it is not a well-formed Slack user id. */
function sharedByContext(userId: string): KnownBlock | undefined {
  const who = USER_ID.test(userId) ? `<@${userId}>` : escapeTruncate(oneLine(userId), 100) || 'someone';
  return context([`Shared by ${who}`], SlackIds.blocks.sharedBy);
}

/** The more matches core chose, one compact section each with its action (Open). */
function moreMatches(reply: EventReply): KnownBlock[] {
  if (reply.more.length === 0) return [];
  return [
    { type: 'divider' },
    ...compact([context([`*More matches* (${reply.more.length})`])]),
    ...reply.more.map((item) => itemSection(item, 500)),
  ];
}

/** Plain notification text for an event card: title and date, escaped. */
export function eventCardText(reply: EventReply): string {
  const prefix = reply.sharedBy !== undefined ? 'Shared event: ' : '';
  return `${escapeTruncate(`${prefix}${oneLine(reply.event.title)}`, 250)} — ${escapeMrkdwn(reply.when.text)}`;
}
