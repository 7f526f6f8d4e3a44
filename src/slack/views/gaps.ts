import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { gapsSections } from '../../core/gaps/gaps-text.js';
import { SlackIds } from '../ids.js';
import { compact, context, header } from './blocks.js';
import { escapeTruncate } from './mrkdwn.js';
import { linesToSections } from './text-fit.js';

type GapsReply = Extract<Reply, { kind: 'gaps' }>;

/** The keepers' gaps report: one titled part per section, every line escaped (queries are user text). */
export function gapsBlocks(reply: GapsReply): KnownBlock[] {
  return compact([
    header('Gaps in the archive', SlackIds.blocks.heading),
    ...gapsSections(reply.report).flatMap((part) => [
      { type: 'divider' as const },
      context([`*${escapeTruncate(part.title, 200)}*`]),
      ...linesToSections(
        part.lines.map((line) => escapeTruncate(line.replace(/^ {4}/, '      ◦ '), 400)),
        2500,
        'lines',
        part.lines.length,
      ),
    ]),
  ]);
}

/** Notification text for the report. */
export function gapsText(reply: GapsReply): string {
  const { misses, missing, duplicates } = reply.report;
  return `Gaps in the archive: ${misses.length} missed searches, ${missing.length} fields missing somewhere, ${duplicates.length} likely duplicates`;
}
