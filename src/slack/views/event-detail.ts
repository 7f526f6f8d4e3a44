import type { KnownBlock, ModalView } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { actionElement } from './action-elements.js';
import { actions, compact, context, header, plain, SECTION_ROOM, section } from './blocks.js';
import { LIMITS } from './limits.js';
import { escapeTruncate, link, oneLine } from './mrkdwn.js';
import { escapedChunks, fitList, slackWhen } from './text-fit.js';

type DetailReply = Extract<Reply, { kind: 'event-detail' }>;

/** A modal holds 100 blocks; leave room for the fixed parts. */
const MODAL_BLOCKS = 95;

/**
 * The event in full, for the "Read more" modal: when, where, type, hosts, every speaker, the whole
 * summary and every theme with its text, then the event's link. Long texts fill several sections, cut
 * between words; what would pass the block limit ends with a pointer to the event page.
 */
export function eventDetailBlocks(reply: DetailReply, maxBlocks = MODAL_BLOCKS): KnownBlock[] {
  const { event } = reply;
  const facts = [
    `*When:* ${slackWhen(reply.when)}`,
    event.location ? `*Where:* ${escapeTruncate(oneLine(event.location), 300)}` : '',
    `*Type:* ${escapeTruncate(oneLine(event.type), 100)}`,
    event.hosts.length ? `*${event.hosts.length > 1 ? 'Hosts' : 'Host'}:* ${fitList(event.hosts, 1200)}` : '',
  ].filter(Boolean);
  const speakers = event.speakers.map((s) => {
    const name = `*${escapeTruncate(oneLine(s.name), 100)}*`;
    return s.role ? `• ${name}, ${escapeTruncate(oneLine(s.role), 200)}` : `• ${name}`;
  });
  const body: KnownBlock[] = [
    header(event.title, SlackIds.blocks.heading),
    section(facts.join('\n')),
    ...(speakers.length ? chunkLines(['*Speakers*', ...speakers]) : []),
    ...escapedChunks(event.summary, SECTION_ROOM).map((text) => section(text)),
    ...event.themes.flatMap((theme, i) => [
      section(`*${i + 1}. ${escapeTruncate(oneLine(theme.title), 300)}*`),
      ...escapedChunks(theme.summary, SECTION_ROOM).map((text) => section(text)),
    ]),
  ];
  const linkLine = event.url ? link(event.url, 'Event page') : '';
  const tail = compact([
    context([linkLine.length <= LIMITS.contextText - 100 ? linkLine : '']),
    actions(
      reply.actions.map((a) => actionElement(a, { place: 'card', about: event.title })),
      SlackIds.blocks.cardActions,
    ),
  ]);
  const room = maxBlocks - tail.length - 1;
  const shown =
    body.length > room ? [...body.slice(0, room), section('_…the rest is on the event page._')] : body;
  return [...shown, ...tail];
}

/** Speaker lines packed into sections of at most a section's length. */
function chunkLines(lines: string[]): KnownBlock[] {
  const out: string[][] = [[]];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > SECTION_ROOM && out[out.length - 1].length) {
      out.push([]);
      used = 0;
    }
    out[out.length - 1].push(line);
    used += line.length + 1;
  }
  return out.map((group) => section(group.join('\n')));
}

/** The "Read more" modal: Slack caps a modal title at 24 characters, so the event title is in the header. */
export function eventDetailView(reply: DetailReply): ModalView {
  return {
    type: 'modal',
    callback_id: SlackIds.views.eventDetail,
    title: plain('Event details', 24),
    close: plain('Close', 24),
    blocks: eventDetailBlocks(reply).filter((b) => b.type !== 'actions'),
  };
}
