import type { ActionsBlockElement, KnownBlock, PlainTextOption, SectionBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import type { Event } from '../../core/model.js';
import { isDateOnly } from '../../core/time.js';
import { encodeActionValue, type RemindWhen, SlackIds } from '../ids.js';
import { LIMITS, messageTextLength, TEXT_BUDGET } from './limits.js';
import { escapeMrkdwn, escapeTruncate, link, oneLine } from './mrkdwn.js';
import {
  actionButton,
  actions,
  compact,
  compactEvent,
  context,
  fitList,
  header,
  md,
  plain,
  SECTION_ROOM,
  section,
  slackWhen,
} from './parts.js';

type EventReply = Extract<Reply, { kind: 'event' }>;

/** Slack user ids look like U024BE7LH or W0123ABC; anything else is shown as text, never as a mention. */
const USER_ID = /^[UW][A-Z0-9]+$/;
const MORE_MATCHES = 4;

/**
 * One event in full: title, when/type/where/hosts, speakers, summary, numbered key themes, link, then up
 * to four more matches and a "Next results" button. Whatever the archive holds, the card stays inside
 * Block Kit's limits: the fixed parts are capped first, and summary, speakers and themes share what is left.
 * A card shared into a channel has no buttons at all, only "Shared by …".
 */
export function eventCardBlocks(reply: EventReply): KnownBlock[] {
  const { event } = reply;
  const shared = reply.sharedBy !== undefined;

  const top = compact([
    reply.heading
      ? context([escapeTruncate(oneLine(reply.heading), 300)], SlackIds.blocks.heading)
      : undefined,
    header(event.title, SlackIds.blocks.cardTitle),
    factsSection(event),
  ]);
  const eventLink = event.url ? link(event.url, 'Event page') : '';
  const bottom = compact([
    context([
      // A link too long for a context element is left out rather than cut: a cut URL leads nowhere.
      eventLink.length <= LIMITS.contextText - 100 ? eventLink : '',
      !shared && reply.matched.length ? `Matched: ${escapeTruncate(reply.matched.join(', '), 200)}` : '',
    ]),
    shared ? sharedByContext(reply.sharedBy ?? '') : cardActions(event),
    ...(shared ? [] : moreMatches(reply)),
    shared || !reply.next
      ? undefined
      : actions([actionButton('Next results', { kind: 'page', ...reply.next })], SlackIds.blocks.pager),
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
function factsSection(event: Event): SectionBlock {
  const fields = [
    md(`*When*\n${slackWhen(event)}`),
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

const REMIND_LABELS: Record<RemindWhen, string> = {
  'day-before': 'The day before',
  'hour-before': 'An hour before',
  'morning-of': 'The morning of',
};

/**
 * "Remind me" as a select of when, each option carrying `{"e","w"}`. Option values are capped at 150
 * characters; a long id travels as its short key (see `eventRef`), so the menu fits. The plain button
 * (value `{"e"}`, same action id, default time) is only a guard should a value still not fit.
 */
function remindElement(event: Event): ActionsBlockElement | undefined {
  const whens: RemindWhen[] = isDateOnly(event.start)
    ? ['day-before', 'morning-of']
    : ['day-before', 'hour-before', 'morning-of'];
  const options: PlainTextOption[] = [];
  for (const w of whens) {
    const value = encodeActionValue({ e: event.id, w }, LIMITS.optionValue);
    if (value === undefined) return actionButton('Remind me', { kind: 'remind', eventId: event.id });
    options.push({ text: plain(REMIND_LABELS[w], LIMITS.optionText), value });
  }
  return {
    type: 'static_select',
    action_id: SlackIds.actions.remind,
    placeholder: plain('Remind me…', LIMITS.placeholder),
    options,
  };
}

function cardActions(event: Event): KnownBlock | undefined {
  return actions(
    [
      actionButton('Share to channel', { kind: 'share', eventId: event.id }, { style: 'primary' }),
      remindElement(event),
      actionButton('More like this', { kind: 'more-like', eventId: event.id }),
    ],
    SlackIds.blocks.cardActions,
  );
}

/** Up to four more matches, one compact section each with an "Open" button. */
function moreMatches(reply: EventReply): KnownBlock[] {
  const hits = reply.more.filter((h) => h.event.id !== reply.event.id).slice(0, MORE_MATCHES);
  if (hits.length === 0) return [];
  const blocks: (KnownBlock | undefined)[] = [
    { type: 'divider' },
    context([`*More matches* (${hits.length})`]),
    ...hits.map((hit) => {
      const open = actionButton('Open', { kind: 'open', eventId: hit.event.id });
      return section(compactEvent(hit.event, 500), open ? { accessory: open } : {});
    }),
  ];
  return compact(blocks);
}

/** Plain notification text for an event card: title and date, escaped. */
export function eventCardText(reply: EventReply, when: string): string {
  const prefix = reply.sharedBy !== undefined ? 'Shared event: ' : '';
  return `${escapeTruncate(`${prefix}${oneLine(reply.event.title)}`, 250)} — ${escapeMrkdwn(when)}`;
}
