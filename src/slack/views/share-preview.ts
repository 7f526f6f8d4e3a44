import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { actionElement } from './action-elements.js';
import { actions, compact, context } from './blocks.js';
import { eventCardBlocks } from './event-card.js';

type PreviewReply = Extract<Reply, { kind: 'share-preview' }>;

/**
 * What a share would post, shown only to the sharer: a line saying so, the card exactly as the channel
 * would see it, then "Post to #channel · Add a note · Cancel".
 */
export function sharePreviewBlocks(reply: PreviewReply): KnownBlock[] {
  return compact([
    context([':eyes: *Preview* (only you can see this). Post it, add a note first, or cancel.']),
    ...eventCardBlocks(reply.card),
    actions(
      reply.actions.map((a) =>
        actionElement(a, { channelName: reply.channelName, about: reply.card.event.title }),
      ),
      SlackIds.blocks.sharePreview,
    ),
  ]);
}
