import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { actionElement } from './action-elements.js';
import { actions, compact, context, section } from './blocks.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';

type NoMatchReply = Extract<Reply, { kind: 'no-match' }>;

/**
 * Says honestly that nothing matched, then offers core's "Did you mean" suggestions as buttons that run
 * the suggested search (action ids indexed, as Slack wants them unique within the block), and the hint.
 */
export function noMatchBlocks(reply: NoMatchReply): KnownBlock[] {
  const query = oneLine(reply.query);
  const said = query ? `No events match “${escapeTruncate(query, 200)}”.` : 'No events match that.';
  const buttons = reply.actions.map((a, i) => actionElement(a, { index: i }));
  return compact([
    section(said),
    buttons.length ? section('Did you mean:') : undefined,
    actions(buttons, SlackIds.blocks.suggestions),
    context([reply.hint ? escapeTruncate(reply.hint, 500) : '']),
  ]);
}
