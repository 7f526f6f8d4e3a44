import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { indexedActionId, SlackIds } from '../ids.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';
import { actionButton, actions, compact, context, section } from './parts.js';

type NoMatchReply = Extract<Reply, { kind: 'no-match' }>;

/** Five fit one row of buttons on most screens. */
const MAX_SUGGESTIONS = 5;

/**
 * Says honestly that nothing matched, then offers "Did you mean" suggestions as buttons that run the
 * suggested search (each carries `{"c": suggestion, "o": 0}`), and the hint.
 */
export function noMatchBlocks(reply: NoMatchReply): KnownBlock[] {
  const query = oneLine(reply.query);
  const said = query ? `No events match “${escapeTruncate(query, 200)}”.` : 'No events match that.';
  const suggestions = reply.suggestions.map(oneLine).filter(Boolean).slice(0, MAX_SUGGESTIONS);
  const buttons = suggestions.map((s, i) =>
    actionButton(
      s,
      { kind: 'page', command: s, offset: 0 },
      { actionId: indexedActionId(SlackIds.actions.suggest, i) },
    ),
  );
  return compact([
    section(said),
    suggestions.length ? section('Did you mean:') : undefined,
    actions(buttons, SlackIds.blocks.suggestions),
    context([reply.hint ? escapeTruncate(reply.hint, 500) : '']),
  ]);
}
