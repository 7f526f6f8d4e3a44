import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { TEXT_BUDGET } from './limits.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';
import { compact, header, linesToSections, section } from './parts.js';

type HelpReply = Extract<Reply, { kind: 'help' }>;

/** How to use `/event`: what went wrong (if anything), then each example as code with what it does. */
export function helpBlocks(reply: HelpReply): KnownBlock[] {
  const lines = reply.examples.slice(0, 300).map((ex) => {
    const command = oneLine(ex.command).replace(/`/g, "'");
    const shown = command.startsWith('/') ? command : `/event ${command}`;
    return `\`${escapeTruncate(shown, 200)}\` — ${escapeTruncate(oneLine(ex.description), 300)}`;
  });
  return compact([
    header('How to use /event', SlackIds.blocks.heading),
    reply.problem ? section(`:warning: ${escapeTruncate(reply.problem, 1000)}`) : undefined,
    ...linesToSections(lines, TEXT_BUDGET - 1500, 'examples', reply.examples.length),
  ]);
}
