import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { accessoryFor } from './action-elements.js';
import { compact, context, header, section } from './blocks.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';

type PeopleReply = Extract<Reply, { kind: 'people' }>;

/**
 * The same-surname picker: one section per person (name in bold, latest role, how many events) with a
 * button that lists that person's events. Names and roles are archive text, so they are escaped.
 */
export function peopleBlocks(reply: PeopleReply): KnownBlock[] {
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    ...reply.people.map((person) => {
      const role = person.role ? ` · ${escapeTruncate(oneLine(person.role), 300)}` : '';
      const count = `${person.count} ${person.count === 1 ? 'event' : 'events'}`;
      return section(
        `*${escapeTruncate(oneLine(person.name), 200)}*${role} · ${count}`,
        accessoryFor([person.action], person.name),
      );
    }),
    context([reply.note ? escapeTruncate(oneLine(reply.note), 500) : '']),
  ]);
}
