import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { conversationAnswerer, type PostingClient } from './conversation.js';

/** The parts of Bolt's `message` arguments this listener uses, so tests can pass plain fakes. */
export type DirectMessageArgs = Pick<SlackEventMiddlewareArgs<'message'>, 'event'> &
  Pick<AllMiddlewareArgs, 'context' | 'logger'> & { client: PostingClient };

/**
 * A message in the bot's DM works like `/event`: "upcoming", "peacekeeping finland", "reminders".
 * Only plain messages people write count: edits, deletions, joins and other bots' messages carry a
 * subtype or a bot id and are ignored (Bolt already drops the bot's own). A message written inside a
 * thread is answered in that thread.
 */
export function directMessageListener(services: SlackServices) {
  const answer = conversationAnswerer(services);
  return async ({ event, client, context, logger }: DirectMessageArgs): Promise<void> => {
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (event.bot_id || !event.user || typeof event.text !== 'string') return;
    await answer(
      {
        text: event.text,
        userId: event.user,
        channelId: event.channel,
        threadTs: event.thread_ts,
        botUserId: context.botUserId,
        teamId: context.teamId,
        enterpriseId: context.enterpriseId,
      },
      client,
      logger,
    );
  };
}
