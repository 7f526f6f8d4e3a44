import type { KnownBlock } from '@slack/types';
import type { HelpExample, Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { actionElement } from './action-elements.js';
import { compact, header, section } from './blocks.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';

type HelpReply = Extract<Reply, { kind: 'help' }>;

/** Most examples shown, so the help stays one short message whatever core hands it. */
const MOST_EXAMPLES = 20;

/**
 * How to use `/event`, in sections (find, upcoming, reminders, digests, share): what went wrong (if
 * anything), then each topic in bold and its examples as code with what they do, and "Try it" beside
 * those a click can run.
 */
export function helpBlocks(reply: HelpReply): KnownBlock[] {
  let left = MOST_EXAMPLES;
  const parts = reply.sections.flatMap((part) => {
    const examples = part.examples.slice(0, Math.max(0, left));
    left -= examples.length;
    if (!examples.length) return [];
    return [section(`*${escapeTruncate(oneLine(part.title), 80)}*`), ...examples.map(exampleSection)];
  });
  return compact([
    header('How to use /event', SlackIds.blocks.heading),
    reply.problem ? section(`:warning: ${escapeTruncate(reply.problem, 1000)}`) : undefined,
    ...parts,
  ]);
}

function exampleSection(ex: HelpExample, index: number) {
  const command = escapeTruncate(oneLine(ex.command).replace(/`/g, "'"), 200);
  const text = `\`${command}\`\n${escapeTruncate(oneLine(ex.description), 200)}`;
  const element = ex.try ? actionElement(ex.try, { about: oneLine(ex.command), index }) : undefined;
  return section(text, element && element.type === 'button' ? { accessory: element } : {});
}

/** Plain notification text: what the help covers. */
export function helpText(reply: HelpReply): string {
  const topics = reply.sections.map((s) => oneLine(s.title).toLowerCase()).join(', ');
  const text = `${reply.problem ? `${oneLine(reply.problem)} ` : ''}How to use /event: ${topics}`;
  return escapeTruncate(text, 300);
}
