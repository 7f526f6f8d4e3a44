import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { TEXT_BUDGET } from './limits.js';
import { escapeMrkdwn, escapeTruncate, oneLine } from './mrkdwn.js';
import { compact, context, header, linesToSections, section } from './parts.js';

type ThemesReply = Extract<Reply, { kind: 'themes' }>;

/** Every theme with its event count, packed into as few sections as fit, then how to drill into one. */
export function themesBlocks(reply: ThemesReply): KnownBlock[] {
  // No more than this many lines can fit the budget, so the rest are not even formatted.
  const lines = reply.themes
    .slice(0, 500)
    .map(
      (t) =>
        `• *${escapeTruncate(oneLine(t.title), 150)}* — ${t.count} ${t.count === 1 ? 'event' : 'events'}`,
    );
  const shown = reply.themes.length;
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    ...(lines.length
      ? linesToSections(lines, TEXT_BUDGET - 1000, 'themes', reply.themes.length)
      : [section('No themes in the archive yet.')]),
    context([
      reply.total > shown ? `Showing ${shown} of ${reply.total} themes.` : '',
      shown ? escapeMrkdwn('Type `/event theme <name>` to see the events of one theme.') : '',
    ]),
  ]);
}
