import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { conversationAnswerer, type PostingClient } from './conversation.js';

/** The parts of Bolt's `app_mention` arguments this listener uses, so tests can pass plain fakes. */
export type MentionArgs = Pick<SlackEventMiddlewareArgs<'app_mention'>, 'event'> &
  Pick<AllMiddlewareArgs, 'context' | 'logger'> & { client: PostingClient };

/**
 * `@Event Archive upcoming mediation` in a channel: answered in a thread under the mention (or in
 * the thread it was written in), so the channel itself stays quiet. Mentions inside the bot's DM
 * are left to the DM listener, which sees the same message.
 */
export function mentionListener(services: SlackServices) {
  const answer = conversationAnswerer(services);
  return async ({ event, client, context, logger }: MentionArgs): Promise<void> => {
    if (!event.user || event.bot_id || event.channel.startsWith('D')) return;
    await answer(
      {
        text: event.text,
        userId: event.user,
        channelId: event.channel,
        threadTs: event.thread_ts ?? event.ts,
        botUserId: context.botUserId,
        teamId: context.teamId,
        enterpriseId: context.enterpriseId,
      },
      client,
      logger,
    );
  };
}
